// The benchmark's client: one signing job (one NCALayer request) over the files given, run
// through the real core in a process of its own, so that its CPU time, peak memory and
// event-loop delay are ours alone (the simulators run in another process).
//
//   node scripts/bench-client.cjs <file>...        the built core (npm run build:main)
//   BENCH_CLIENT=source node --import tsx scripts/bench-client.cjs <file>...   the sources
//
// Environment: SIGEX_URL, NCALAYER_URL, NCALAYER_CA_FILE, SIGEX_DESKTOP_DATA_DIR (DESIGN.md).
// BENCH_TRACE=1 also prints to stderr the memory at each stage and, sampled every 200 ms, the
// peak of each V8 heap space (what grows on Node 24: the young generation, array buffers...).
// Prints one JSON object on stdout.
'use strict';
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const source = process.env.BENCH_CLIENT === 'source';
const root = path.join(__dirname, '..', ...(source ? [] : ['dist', 'node']));
const { createCore } = require(path.join(root, 'src-main', 'core', 'compose'));
const { DEFAULT_DOCUMENT_SETTINGS } = require(path.join(root, 'src-shared', 'model'));

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: bench-client.cjs <file>...');
  const trace = (w) =>
    process.env.BENCH_TRACE &&
    console.error(
      w,
      JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]))),
      'maxRSS',
      Math.round(process.resourceUsage().maxRSS / 1024),
    );
  trace('start');
  const core = await createCore({ dataDir: process.env.SIGEX_DESKTOP_DATA_DIR, systemLanguage: 'en' });
  // What the app does when its window opens (the status bar's check of NCALayer and SIGEX):
  // loading the system certificate store and the first TLS contexts happen then, not during
  // the measured job, as in the app.
  trace('core');
  await core.connection.check();
  trace('checked');
  // 1 ms resolution: the recorded delay is how late the loop answered a 1 ms timer.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const steps = {};
  let step = 'start';
  let stepAt = performance.now();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();
  const peaks = {};
  const sampler =
    process.env.BENCH_TRACE &&
    setInterval(() => {
      const mu = process.memoryUsage();
      const rec = { rss: mu.rss, heapTotal: mu.heapTotal, external: mu.external, arrayBuffers: mu.arrayBuffers };
      for (const sp of require('node:v8').getHeapSpaceStatistics()) rec[sp.space_name] = sp.space_size;
      for (const [k, v] of Object.entries(rec)) peaks[k] = Math.max(peaks[k] || 0, Math.round(v / 1048576));
    }, 200);
  const handles = [];
  for (const f of files) handles.push((await core.files.add(f)).handle);
  const { done } = core.signing.start(
    { handles, method: 'ncalayer', options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } },
    (v) => {
      const now = v.activity ? v.activity.step : v.phase;
      if (now === step) return;
      const t = performance.now();
      steps[step] = (steps[step] || 0) + (t - stepAt) / 1000;
      step = now;
      stepAt = t;
    },
  );
  const job = await done;
  trace('done');
  if (sampler) {
    clearInterval(sampler);
    console.error('peaks', JSON.stringify(peaks));
  }
  const t1 = performance.now();
  loop.disable();
  steps[step] = (steps[step] || 0) + (t1 - stepAt) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const view = job.view();
  const statuses = {};
  for (const f of view.files) statuses[f.status] = (statuses[f.status] || 0) + 1;
  const failed = view.files.find((f) => f.error);
  const out = {
    node: process.version,
    client: source ? 'source' : 'built',
    files: view.files.length,
    bytes: view.files.reduce((s, f) => s + f.size, 0),
    statuses,
    ...(failed
      ? { error: `${failed.error.kind}: ${failed.error.message}` }
      : view.error
        ? { error: `${view.error.kind}: ${view.error.message}` }
        : {}),
    wallS: (t1 - t0) / 1000,
    clientCpuS: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
    eventLoop: {
      p50Ms: loop.percentile(50) / 1e6,
      p99Ms: loop.percentile(99) / 1e6,
      maxMs: loop.max / 1e6,
    },
  };
  await core.close();
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
