// Offline packaging check: electron-builder.yml is validated against electron-builder's own
// schema (fuses included), then the built app is packed into app.asar against a stand-in
// Electron distribution (the real binary can't be downloaded here) and the archive is read
// back to confirm the files the app needs are inside and the sources and tests are not.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-builder-'));
const fakeDist = path.join(tmp, 'electron-dist');
const out = path.join(tmp, 'out');

const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

const NEEDED = [
  '/package.json',
  '/dist/node/src-main/main.js',
  '/dist/node/src-main/cli.js',
  '/dist/preload/preload.js',
  '/dist/renderer/index.html',
  '/node_modules/ws/package.json',
  '/node_modules/zod/package.json',
];

async function main() {
  // 1. The whole configuration, fuses included, against the schema.
  const yaml = require('js-yaml');
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  await validateConfiguration(config, new DebugLogger(false));
  // Every fuse, with the value it must have (a fuse left out keeps Electron's default).
  const fuses = config.electronFuses ?? {};
  const wrong = Object.entries(FUSES).filter(([k, v]) => fuses[k] !== v);
  if (wrong.length > 0) {
    throw new Error(`electron-builder.yml electronFuses: ${wrong.map(([k, v]) => `${k} must be ${v}`).join(', ')}`);
  }
  // Code signing and the publisher come from the environment only (no certificate or password
  // in the repository); there is no auto-update channel, so nothing can be fetched unsigned.
  const sign = config.win?.signtoolOptions ?? {};
  for (const k of ['certificateFile', 'certificatePassword', 'certificateSubjectName', 'certificateSha1']) {
    if (k in sign)
      throw new Error(
        `electron-builder.yml: win.signtoolOptions.${k} must come from the environment (CSC_LINK / CSC_KEY_PASSWORD), not the file`,
      );
  }
  if (typeof sign.publisherName !== 'string' || !/^\$\{env\.[A-Z_]+\}$/.test(sign.publisherName)) {
    throw new Error('electron-builder.yml: win.signtoolOptions.publisherName must be taken from an environment variable (${env.NAME})');
  }
  if (config.publish !== null && config.publish !== undefined && config.publish !== 'never') {
    throw new Error('electron-builder.yml: publish must stay off (updates fail closed: there is no update channel)');
  }

  // The NSIS include (Send to, the Explorer verb) must exist and define both macros.
  const include = config.nsis?.include;
  const includeText = include ? fs.readFileSync(path.join(root, include), 'utf8') : '';
  if (config.nsis?.perMachine !== false || !/!macro customInstall\b/.test(includeText) || !/!macro customUnInstall\b/.test(includeText)) {
    throw new Error('electron-builder.yml: nsis must be per-user and include a script with customInstall and customUnInstall');
  }

  // 2. Pack with it, minus the fuses: they patch the real Electron binary, absent here.
  fs.mkdirSync(fakeDist);
  fs.writeFileSync(path.join(fakeDist, 'electron'), '');
  fs.chmodSync(path.join(fakeDist, 'electron'), 0o755);
  const packConfig = path.join(tmp, 'electron-builder.json');
  const { electronFuses: _fuses, ...rest } = config;
  fs.writeFileSync(packConfig, JSON.stringify({ ...rest, electronDist: fakeDist, directories: { ...config.directories, output: out } }));
  execFileSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--config', packConfig], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // 3. Read the archive back.
  const asarFile = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
  const asar = require('@electron/asar');
  const listed = new Set(asar.listPackage(asarFile).map((p) => p.replace(/\\/g, '/')));
  const missing = NEEDED.filter((p) => !listed.has(p));
  // Only what the app runs: no sources, tests, simulators or their keys, no web host.
  const forbidden = [...listed].filter(
    (p) =>
      p.startsWith('/tests/') ||
      p.startsWith('/src-main/') ||
      p.startsWith('/scripts/') ||
      p.includes('/web-host/') ||
      p.includes('/simulators/') ||
      /\.(key\.)?pem$/.test(p) ||
      /\.(p12|pfx)$/.test(p) ||
      p.endsWith('.map'),
  );
  if (missing.length || forbidden.length) {
    throw new Error(`app.asar: missing ${missing.join(', ') || '-'}; should not be packed: ${forbidden.slice(0, 5).join(', ') || '-'}`);
  }
  const mib = (fs.statSync(asarFile).size / 1048576).toFixed(1);
  console.log(
    `electron-builder.yml OK: schema valid, fuses set, app.asar packed offline (${listed.size} entries, ${mib} MiB), entry files present`,
  );
}

main()
  .catch((e) => {
    console.error(`electron-builder check failed:\n${[e.stdout, e.stderr].filter(Boolean).join('\n') || e.stack || e}`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
