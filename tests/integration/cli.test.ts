/**
 * The CLI's JSON-lines contract, run as a real child process against the simulators.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src-main', 'cli.ts');
const sha = (b: string) => createHash('sha256').update(b).digest('hex');

let h: Harness;
afterEach(() => h?.stop());

function run(args: string[], env: NodeJS.ProcessEnv = h.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, HOME: h?.root ?? '/tmp', ...env }, cwd: h?.workDir ?? ROOT },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function lines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function setup(o: HarnessOptions = {}) {
  h = await startHarness(o);
}

describe('sigex-desktop sign (CLI)', () => {
  test('an invalid SIGEX_URL stops before anything is signed: message naming it, exit 2', async () => {
    await setup();
    const a = await writeWorkFile(h, 'a.pdf', 'x');
    const r = await run(['sign', a, '--json'], { ...h.env, SIGEX_URL: 'http://evil.example' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SIGEX_URL');
    expect(r.stdout).toBe('');
    expect(h.ncalayer!.stats.requests).toBe(0);
    expect(h.sigex.requests).toEqual([]);
  });
  test('--json: one line per file, registered, copies saved, exit 0', async () => {
    await setup();
    const a = await writeWorkFile(h, 'Счёт 1.pdf', 'invoice one');
    const b = await writeWorkFile(h, 'b.txt', 'two');
    const r = await run(['sign', a, b, '--email', 'buh@example.kz', '--json']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ file: a, status: 'registered', emailNotifications: 'attached' });
    expect(out[0]!.documentId).toMatch(/^[A-Za-z0-9]+$/);
    expect(out[0]!.copyPath).toBe(path.join(h.workDir, `Счёт 1-SigexId${out[0]!.documentId}.pdf`));
    await expect(fsp.readFile(out[0]!.copyPath as string, 'utf8')).resolves.toBe('invoice one');
    expect(h.sigex.document(out[1]!.documentId as string)!.dataSha256).toBe(sha('two'));
    expect(h.ncalayer!.requests.filter((q) => q.method === 'sign')).toHaveLength(1);
  });

  test('--out-dir and --no-copy', async () => {
    await setup();
    const a = await writeWorkFile(h, 'a.pdf', 'x');
    const out = path.join(h.root, 'signed');
    await fsp.mkdir(out);
    const r1 = await run(['sign', a, '--out-dir', out, '--json']);
    const [l1] = lines(r1.stdout);
    expect(path.dirname(l1!.copyPath as string)).toBe(out);
    const r2 = await run(['sign', a, '--no-copy', '--json']);
    const [l2] = lines(r2.stdout);
    expect(l2).toMatchObject({ status: 'registered' });
    expect(l2!.copyPath).toBeUndefined();
    expect((await fsp.readdir(h.workDir)).sort()).toEqual(['a.pdf']);
  });

  test('already-signed names are skipped (exit 1), others still registered', async () => {
    await setup();
    const ok = await writeWorkFile(h, 'new.pdf', 'x');
    const signed = await writeWorkFile(h, 'old-SigexIdABCdef123.pdf', 'y');
    const r = await run(['sign', ok, signed, '--json']);
    expect(r.code).toBe(1);
    const [l1, l2] = lines(r.stdout);
    expect(l1).toMatchObject({ status: 'registered' });
    expect(l2).toMatchObject({ file: signed, status: 'skipped', error: { kind: 'already-signed' } });
    expect(h.sigex.documents()).toHaveLength(1);
  });

  test('NCALayer not running: failed lines with a readable message', async () => {
    await setup({ ncalayer: false });
    const a = await writeWorkFile(h, 'a.pdf', 'x');
    const r = await run(['sign', a, '--json']);
    expect(r.code).toBe(1);
    const [l] = lines(r.stdout);
    expect(l).toMatchObject({ status: 'failed', error: { kind: 'ncalayer-not-running' } });
    expect((l!.error as { message: string }).message).toMatch(/NCALayer/);
  });

  test('unreadable file: failed line, nothing registered', async () => {
    await setup();
    const r = await run(['sign', path.join(h.workDir, 'missing.pdf'), '--json']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatchObject({ status: 'failed', error: { kind: 'file-unreadable' } });
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('usage errors exit 2 and print the usage on stderr, nothing on stdout', async () => {
    await setup();
    for (const args of [[], ['sign'], ['frobnicate', 'x'], ['sign', 'a.pdf', '--email', 'nope'], ['sign', 'a.pdf', '--bogus']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Usage:\s+sigex-desktop sign/);
    }
  });

  test('--help prints the usage on stdout and exits 0; --version prints the package version', async () => {
    await setup();
    for (const args of [['--help'], ['-h'], ['help'], ['sign', '--help'], ['history', '-h']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage:\s+sigex-desktop sign/);
      expect(r.stderr).toBe('');
    }
    const pkg = JSON.parse(await fsp.readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(`sigex-desktop ${pkg.version}`);
    }
    expect(h.sigex.requests).toHaveLength(0);
  });

  test('without --json, progress goes to stderr and stdout stays empty', async () => {
    await setup();
    const a = await writeWorkFile(h, 'a.pdf', 'x');
    const r = await run(['sign', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Connecting to NCALayer/);
    expect(r.stderr).toMatch(/registered/);
  });
});

describe('sigex-desktop sign --qr', () => {
  test('prints the QR and both deep links on stderr, registers after the phone signs', async () => {
    await setup({ ncalayer: false, sigex: { phone: { action: 'sign', fetchDelayMs: 300, signDelayMs: 200 } } });
    const a = await writeWorkFile(h, 'Приказ.pdf', '%PDF qr cli');
    const r = await run(['sign', '--qr', a, '--json']);
    expect(r.code).toBe(0);
    const [l] = lines(r.stdout);
    expect(l).toMatchObject({ file: a, status: 'registered' });
    expect(h.sigex.document(l!.documentId as string)!.dataSha256).toBe(sha('%PDF qr cli'));
    expect(r.stderr).toMatch(/eGov mobile \(individual\): https:\/\//);
    expect(r.stderr).toMatch(/eGov Business \(legal entity\): https:\/\//);
    expect(r.stderr).toMatch(/won't work on computers/);
    expect(r.stderr).toMatch(/[▀▄█]/); // the terminal QR
  });
});
