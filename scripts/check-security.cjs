// npm run check:security: Electronegativity (Doyensec's Electron security linter) over the
// app's sources, gated against SECURITY.md. Electronegativity always exits 0, so this script
// reads its SARIF report: every finding must be listed in SECURITY.md's "Accepted findings" table
// (check name + file) with a justification, and every listed entry must still be found
// (a stale entry hides the next real finding). Runs offline: its network calls are disabled
// (electronegativity-offline.cjs).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'package.json'];

/** SARIF (JSON) -> findings; the CSV report does not escape every sample it prints. */
function findings(sarifText) {
  const sarif = JSON.parse(sarifText);
  return (sarif.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((r) => {
      const loc = r.locations?.[0]?.physicalLocation;
      return {
        check: r.ruleId,
        file: loc?.artifactLocation?.uri ?? 'N/A',
        location: loc?.region ? `${loc.region.startLine}:${loc.region.startColumn}` : '-',
      };
    }),
  );
}

/** Rows of the table under "## Accepted findings": | `CHECK` | `file` | justification | */
function accepted(securityMd) {
  const section = securityMd.split(/^## /m).find((s) => s.startsWith('Accepted findings'));
  if (!section) throw new Error('SECURITY.md has no "## Accepted findings" section');
  const rows = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const justification = m[3].trim();
    if (justification.length < 20) throw new Error(`SECURITY.md: ${m[1]} in ${m[2]} needs a justification`);
    rows.push({ check: m[1], file: m[2] });
  }
  return rows;
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-security-'));
  try {
    const src = path.join(tmp, 'src');
    fs.mkdirSync(src);
    for (const s of SOURCES) fs.cpSync(path.join(root, s), path.join(src, s), { recursive: true });
    const report = path.join(tmp, 'findings.sarif');
    const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
    const electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
    const offline = path.join(__dirname, 'electronegativity-offline.cjs');
    const r = spawnSync(process.execPath, ['-r', offline, bin, '-i', src, '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
      cwd: tmp,
      encoding: 'utf8',
    });
    if (!fs.existsSync(report)) {
      throw new Error(`Electronegativity wrote no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    const found = findings(fs.readFileSync(report, 'utf8'));
    const allowed = accepted(fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8'));
    const key = (x) => `${x.check} ${x.file}`;
    const allowedKeys = new Set(allowed.map(key));
    const foundKeys = new Set(found.map(key));
    const unexpected = found.filter((f) => !allowedKeys.has(key(f)));
    const stale = allowed.filter((a) => !foundKeys.has(key(a)));
    console.log(
      `Electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}: ${found.length} findings, ${found.length - unexpected.length} accepted in SECURITY.md`,
    );
    for (const f of found) console.log(`  ${allowedKeys.has(key(f)) ? 'accepted ' : 'NEW      '} ${f.check} ${f.file}:${f.location}`);
    if (unexpected.length > 0 || stale.length > 0) {
      for (const s of stale) console.error(`SECURITY.md lists ${s.check} in ${s.file}, which is no longer found: remove the entry`);
      if (unexpected.length > 0) console.error('New findings: fix them, or justify each in SECURITY.md ("Accepted findings").');
      process.exit(1);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
}

module.exports = { findings, accepted };
