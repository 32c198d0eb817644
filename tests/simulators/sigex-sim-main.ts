/**
 * Runs the SIGEX simulator as its own process (demo, or tests that measure it from outside):
 *   npx tsx tests/simulators/sigex-sim-main.ts [--port 8090] [--max-data-mib 1024] [--qr-ttl-ms 120000]
 * Prints one JSON line {"url": ..., "pid": ...} on stdout when listening; stops on SIGINT/SIGTERM.
 */
import { startSigexSimulator } from './sigex-sim';
import type { SigexSimOptions } from './sigex-sim-types';
import { numberArg as arg } from './sim-main-args';

async function main(): Promise<void> {
  const port = arg('port');
  const maxMib = arg('max-data-mib');
  const ttl = arg('qr-ttl-ms');
  const opts: SigexSimOptions = {
    ...(port !== undefined ? { port } : {}),
    ...(maxMib !== undefined ? { maxDataBytes: maxMib * 1024 * 1024 } : {}),
    ...(ttl !== undefined ? { qrTtlMs: ttl } : {}),
  };
  const sim = await startSigexSimulator(opts);
  process.stdout.write(`${JSON.stringify({ url: sim.url, pid: process.pid })}\n`);
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
