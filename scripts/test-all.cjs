// npm test: type-check, lint, unit, integration, build, packaging check, security check,
// crash test, end-to-end — in that order, stopping at the first failure. Each runner prints
// its own summary; at the end one plain line adds them up ("N passed, N failed").
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

function jestCounts(file) {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
}

function playwrightCounts(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const unitJson = path.join(results, 'jest-unit.json');
const integrationJson = path.join(results, 'jest-integration.json');
const e2eJson = path.join(results, 'playwright.json');
const crashJson = path.join(results, 'crash.json');

run('type-check', npm, ['run', '--silent', 'typecheck']);
run('lint', npm, ['run', '--silent', 'lint']);
run('unit tests', npm, ['run', '--silent', 'test:unit', '--', '--json', `--outputFile=${unitJson}`]);
run('integration tests', npm, ['run', '--silent', 'test:integration', '--', '--json', `--outputFile=${integrationJson}`]);
run('build', npm, ['run', '--silent', 'build']);
run('packaging check', npm, ['run', '--silent', 'check:builder']);
run('security check', npm, ['run', '--silent', 'check:security']);
// Kills the CLI at random moments after the PIN (20 runs here; `npm run test:crash` does 100).
run('crash test', process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/crash-test.ts', '--runs', '20'], {
  CRASH_JSON_OUTPUT: crashJson,
});
run('end-to-end tests', npm, ['run', '--silent', 'test:e2e', '--', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });

function crashCounts(file) {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: j.runs - j.failedRuns, failed: j.failedRuns, skipped: 0 };
}

const parts = [jestCounts(unitJson), jestCounts(integrationJson), crashCounts(crashJson), playwrightCounts(e2eJson)];
const total = parts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
console.log(`\nunit ${parts[0].passed}, integration ${parts[1].passed}, crash runs ${parts[2].passed}, end-to-end ${parts[3].passed}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed === 0 ? 0 : 1);
