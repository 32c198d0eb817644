/**
 * Runs the NCALayer simulator as its own process, for tests that measure it from outside:
 *   npx tsx tests/simulators/ncalayer-sim-main.ts [--port 13579] [--max-encapsulate-mib 256]
 * Prints one JSON line {"url", "caPem", "pid"} on stdout when listening. Each "memory" line on
 * stdin is answered with one JSON line: the peaks of process.memoryUsage() (sampled every 10 ms)
 * since the previous question, and the values now. Stops on SIGINT/SIGTERM or when stdin ends.
 */
import * as readline from 'node:readline';
import { startNcaLayerSimulator } from './ncalayer-sim';
import { numberArg as arg } from './sim-main-args';

async function main(): Promise<void> {
  const port = arg('port');
  const encapsulateMib = arg('max-encapsulate-mib');
  const sim = await startNcaLayerSimulator({
    ...(port !== undefined ? { port } : {}),
    ...(encapsulateMib !== undefined ? { maxEncapsulateBytes: encapsulateMib * 1024 * 1024 } : {}),
  });
  const peak = { rss: 0, arrayBuffers: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  process.stdout.write(`${JSON.stringify({ url: sim.url, caPem: sim.caPem, pid: process.pid })}\n`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'memory') return;
    sample();
    process.stdout.write(`${JSON.stringify({ peak: { ...peak }, now: process.memoryUsage() })}\n`);
    Object.assign(peak, process.memoryUsage());
  });
  const stop = () => {
    clearInterval(sampler);
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
