/**
 * `sigex-desktop check` and `sigex-desktop cosign` as real child processes against the
 * simulators: JSON lines, absolute paths, exit codes, --help, --card.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { jsonLines, runCli } from '../support/cli';
import { readPdf } from '../support/pdf';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { receivedFile } from '../support/cosign';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
});
afterAll(() => h.stop());
beforeEach(() => h.sigex.reset());

const cli = (args: string[]) => runCli(args, h.env, h.workDir);

const received = (content: string, name: string, settings?: unknown) => receivedFile(h, content, name, settings);

describe('sigex-desktop check', () => {
  test('every file matches: one JSON line per file with absolute path, signatures; exit 0', async () => {
    const a = await received('first', 'a');
    const b = await received('second', 'b');
    const r = await cli(['check', path.basename(a.file), path.basename(b.file), '--json']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toEqual([
      {
        file: a.file,
        documentId: a.id,
        signatures: [{ signer: expect.any(String), iin: '850515300125', time: expect.any(String) }],
        matches: true,
      },
      expect.objectContaining({ file: b.file, documentId: b.id, matches: true }),
    ]);
  });

  test('a file that is not the registered one, or has no id, or an unknown id: exit 1', async () => {
    const a = await received('original', 'a');
    const changed = await writeWorkFile(h, `changed-SigexId${a.id}.pdf`, 'originaL');
    const plain = await writeWorkFile(h, 'plain.pdf', 'x');
    const unknown = await writeWorkFile(h, 'u-SigexIdAAAAAAAAAAAAAAAA.pdf', 'x');
    const r = await cli(['check', a.file, changed, plain, unknown, '--json']);
    expect(r.code).toBe(1);
    const [ok, bad, noId, missing] = jsonLines(r.stdout);
    expect(ok).toMatchObject({ matches: true });
    expect(bad).toMatchObject({ file: changed, documentId: a.id, matches: false });
    expect(noId).toMatchObject({
      file: plain,
      matches: null,
      error: { kind: 'no-sigex-id', message: expect.stringContaining('/verify/') },
    });
    expect(missing).toMatchObject({ matches: null, error: { kind: 'sigex-error', message: 'The document was not found in SIGEX.' } });
  });

  test('--help prints the usage with check and cosign; a bad option is a usage error (2)', async () => {
    const help = await cli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sigex-desktop check <file>...');
    expect(help.stdout).toContain('sigex-desktop cosign <file>...');
    const bad = await cli(['check', 'x', '--card']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown option: --card');
    expect((await cli(['cosign'])).code).toBe(2);
  });
});

describe('sigex-desktop cosign', () => {
  test('adds the signature, saves the card with --card, does not rename; exit 0', async () => {
    const a = await received('to co-sign', 'act');
    const r = await cli(['cosign', a.file, '--json', '--card']);
    expect(r.code).toBe(0);
    const [line] = jsonLines(r.stdout);
    const cardPath = path.join(h.workDir, `act-SigexId${a.id}.card.pdf`);
    expect(line).toEqual({ file: a.file, status: 'cosigned', documentId: a.id, cardPath });
    expect(h.sigex.document(a.id)!.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
    expect(readPdf(await fsp.readFile(cardPath)).embedded[0]!.toString()).toBe('to co-sign');
    expect(await fsp.readFile(a.file, 'utf8')).toBe('to co-sign');
  });

  test('--qr: the QR and deep links on stderr, the phone signature added; NCALayer not asked; exit 0', async () => {
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 100, signDelayMs: 50 });
    const a = await received('co-sign by phone', 'phone');
    const before = h.ncalayer!.requests.length;
    const r = await cli(['cosign', '--qr', a.file, '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([{ file: a.file, status: 'cosigned', documentId: a.id }]);
    expect(h.sigex.document(a.id)!.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
    expect(h.ncalayer!.requests.length).toBe(before);
    expect(r.stderr).toMatch(/eGov mobile \(individual\): https:\/\//);
    expect(r.stderr).toMatch(/[▀▄█]/); // the terminal QR
  });

  test('limit reached (ru message) next to a success: failed line, exit 1', async () => {
    const ok = await received('fine', 'ok');
    const full = await received('full', 'full', { signaturesLimit: 1 });
    const r = await cli(['cosign', ok.file, full.file, '--json', '--lang', 'ru']);
    expect(r.code).toBe(1);
    const [a, b] = jsonLines(r.stdout);
    expect(a).toMatchObject({ status: 'cosigned' });
    expect(b).toMatchObject({
      file: full.file,
      status: 'failed',
      documentId: full.id,
      error: { kind: 'sigex-error', message: expect.stringMatching(/предел|лимит|количеств/i) },
    });
    // both files went through one NCALayer dialog
    expect(h.ncalayer!.requests.at(-1)?.documentCount).toBe(2);
  });
});
