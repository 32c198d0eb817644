// Offline packaging smoke: electron-builder validates electron-builder.yml and packs the
// built app into app.asar against a stand-in Electron distribution (the real binary can't be
// downloaded here). Then the archive is opened and the files the app needs are looked up.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-builder-'));
const fakeDist = path.join(tmp, 'electron-dist');
fs.mkdirSync(fakeDist);
fs.writeFileSync(path.join(fakeDist, 'electron'), '');
fs.chmodSync(path.join(fakeDist, 'electron'), 0o755);
const out = path.join(tmp, 'out');
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${fakeDist}`,
      `-c.directories.output=${out}`,
      '-c.electronFuses=null',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } },
  );
  const asarFile = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
  const asar = require('@electron/asar');
  const listed = new Set(asar.listPackage(asarFile).map((p) => p.replace(/\\/g, '/')));
  const needed = [
    '/package.json',
    '/dist/node/src-main/main.js',
    '/dist/node/src-main/cli.js',
    '/dist/preload/preload.js',
    '/dist/renderer/index.html',
    '/node_modules/ws/package.json',
    '/node_modules/zod/package.json',
  ];
  const missing = needed.filter((p) => !listed.has(p));
  const forbidden = [...listed].filter((p) => p.startsWith('/tests/') || p.startsWith('/src-main/') || p.endsWith('.map'));
  if (missing.length || forbidden.length) {
    console.error(
      `app.asar check failed. missing: ${missing.join(', ') || '-'}; should not be packed: ${forbidden.slice(0, 5).join(', ') || '-'}`,
    );
    process.exit(1);
  }
  const bytes = fs.statSync(asarFile).size;
  console.log(
    `electron-builder.yml OK: app.asar packed offline, ${listed.size} entries, ${(bytes / 1048576).toFixed(1)} MiB, entry files present`,
  );
} catch (e) {
  console.error(String(e.stderr || e.stdout || e));
  process.exit(1);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
