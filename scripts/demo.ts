/**
 * npm run demo      -> simulators + the Electron app configured against them
 * npm run demo:web  -> simulators + the web host; open the printed URL in a browser
 * Test keys only (tests/simulators/pki): nothing leaves this machine. Ctrl+C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCore } from '../src-main/core/compose';
import { startWebHost } from '../src-main/web-host/server';
import { startHarness } from '../tests/support/harness';

const NCALAYER_PORT = Number(process.env.DEMO_NCALAYER_PORT ?? 13579);
const SIGEX_PORT = Number(process.env.DEMO_SIGEX_PORT ?? 18080);
const WEB_PORT = Number(process.env.DEMO_WEB_PORT ?? 18081);

async function main(): Promise<void> {
  const mode = process.argv.includes('--electron') ? 'electron' : 'web';
  // A fresh data directory each run, so an earlier run's language, settings, queue or history
  // never leak in (and the user's own data directory is never touched); `--data-dir <dir>` or
  // DEMO_DATA_DIR keeps one on purpose.
  const argDir = process.argv.indexOf('--data-dir');
  const kept = argDir > 0 ? process.argv[argDir + 1] : process.env.DEMO_DATA_DIR;
  const root = kept ? path.resolve(kept) : await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-desktop-demo-'));
  await fsp.mkdir(root, { recursive: true });
  const harness = await startHarness({
    root,
    ncalayer: { port: NCALAYER_PORT, outcome: { kind: 'delay', ms: 1500 } },
    sigex: { port: SIGEX_PORT, phone: { action: 'sign', fetchDelayMs: 4000, signDelayMs: 3000 } },
  });
  const samples = path.join(harness.workDir, 'samples');
  await fsp.mkdir(samples, { recursive: true });
  await fsp.writeFile(path.join(samples, 'Договор поставки.pdf'), '%PDF-1.4\n% demo document\n');
  await fsp.writeFile(path.join(samples, 'Акт сверки-SigexIdlQsqLBaS4nQAIIMm.pdf'), '%PDF-1.4\n% already signed\n');

  console.log(`NCALayer simulator: ${harness.ncalayer?.url} (test keys, signs after 1.5 s)`);
  console.log(`SIGEX simulator:    ${harness.sigex.url}`);
  console.log(`Sample files:       ${samples}`);
  console.log(`Data directory:     ${harness.dataDir}${kept ? '' : ' (fresh for this run)'}`);

  let child: ChildProcess | null = null;
  let stopWeb: (() => Promise<void>) | null = null;
  if (mode === 'web') {
    const core = await createCore({ dataDir: harness.dataDir, env: harness.env, systemLanguage: 'ru', worker: {} });
    const host = await startWebHost({
      core,
      rendererDir: path.join(__dirname, '..', 'dist', 'renderer'),
      workDir: harness.workDir,
      port: WEB_PORT,
      version: 'demo',
      pickFolder: harness.workDir,
      pickCaFile: harness.caFile,
      log: (level, m) => console.log(`[${level}] ${m}`),
    });
    stopWeb = host.stop;
    console.log(`\nOpen ${host.url} in a browser. Dropped files and their signed copies go to ${harness.workDir}`);
  } else {
    // In plain Node the 'electron' package resolves to the path of the Electron binary.
    const electron = createRequire(__filename)('electron') as string;
    child = spawn(electron, ['.'], {
      cwd: path.join(__dirname, '..'),
      stdio: 'inherit',
      env: { ...process.env, ...harness.env, SIGEX_DESKTOP_DATA_DIR: harness.dataDir },
    });
    child.on('exit', () => void shutdown());
  }
  console.log('Ctrl+C stops the demo.');

  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    child?.kill();
    await stopWeb?.();
    await harness.stop();
    if (!kept) await fsp.rm(root, { recursive: true, force: true });
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
