/**
 * SIGEX simulator: a 300 MiB /data upload is hashed as a stream. The simulator runs in its own
 * process (sigex-sim-main.ts) so its memory is measured alone, sampled during the upload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import { loadPki, signCms } from './cms';
import { getJson, postJson } from './sigex-test-client';

const MiB = 1024 * 1024;
const TOTAL_MIB = 300;
let child: ChildProcess;
let url = '';

/** Deterministic 1 MiB chunks (fresh buffers: the socket may still hold the previous one). */
function chunk(i: number): Buffer {
  const b = Buffer.alloc(MiB, i % 251);
  b.writeUInt32BE(i, 0);
  return b;
}

beforeAll(async () => {
  const root = path.resolve(__dirname, '../..');
  child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(__dirname, 'sigex-sim-main.ts'), '--max-data-mib', '512'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}, 20_000);

afterAll(() => {
  child.kill('SIGTERM');
});

const rss = async () => ((await getJson(`${url}/__sim/stats`)) as { memory: { rss: number } }).memory.rss;

test(`${TOTAL_MIB} MiB upload: digest matches and simulator memory stays flat`, async () => {
  const hash = createHash('sha256');
  for (let i = 0; i < TOTAL_MIB; i++) hash.update(chunk(i));
  const digest = hash.digest();
  const cms = await signCms({ signer: loadPki().signers.individual, digest });
  const reg = await postJson(`${url}/api`, {
    title: 'big.bin',
    description: 'big.bin',
    signType: 'cms',
    signature: cms.toString('base64'),
  });
  expect(reg.documentId).toBeDefined();

  const baseline = await rss();
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rss());
      await new Promise((r) => setTimeout(r, 25));
    }
  })();

  const answer = await new Promise<string>((resolve, reject) => {
    const req = http.request(
      `${url}/api/${reg.documentId}/data`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': TOTAL_MIB * MiB },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    void (async () => {
      for (let i = 0; i < TOTAL_MIB; i++) {
        if (!req.write(chunk(i))) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
  sampling = false;
  await sampler;

  const json = JSON.parse(answer) as { signedDataSize: number; digests: Record<string, string> };
  expect(json.signedDataSize).toBe(TOTAL_MIB * MiB);
  expect(json.digests['2.16.840.1.101.3.4.2.1']).toBe(digest.toString('base64'));
  // A simulator that buffered the body would grow by at least the upload (300 MiB). Streamed,
  // the growth is garbage the collector has not reclaimed yet: about 40 MiB on Node 20, 70-90
  // MiB on Node 24 (Electron's runtime), whose V8 lets external buffers pile up longer.
  const growthMiB = (peak - baseline) / MiB;
  expect(growthMiB).toBeLessThan(TOTAL_MIB / 2);
}, 30_000);
