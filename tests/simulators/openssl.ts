/** `openssl cms -verify` on a CMS, as an independent second opinion in the tests. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PKI_PATHS } from './fixtures';

export const OPENSSL = '/usr/bin/openssl';

/**
 * Verifies a DER CMS with openssl against the test root (or `caFile`): detached content as
 * bytes (`content`) or a file (`contentFile`), `extra` arguments appended. Exit status and stderr.
 */
export function opensslVerify(
  der: Buffer,
  o: { content?: Buffer; contentFile?: string; caFile?: string; extra?: string[] } = {},
): { status: number | null; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-openssl-'));
  try {
    const cmsFile = path.join(dir, 'cms.der');
    fs.writeFileSync(cmsFile, der);
    const args = [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      cmsFile,
      '-CAfile',
      o.caFile ?? PKI_PATHS.caCert,
      '-out',
      '/dev/null',
    ];
    let contentFile = o.contentFile;
    if (o.content) {
      contentFile = path.join(dir, 'content');
      fs.writeFileSync(contentFile, o.content);
    }
    if (contentFile !== undefined) args.push('-content', contentFile);
    args.push(...(o.extra ?? []));
    const r = spawnSync(OPENSSL, args, { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
