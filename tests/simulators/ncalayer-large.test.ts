/**
 * A large fragmented signing request: one text message, 64 MiB of base64 in 1 MiB fragments.
 * The same helper (runLargeSignRequest) drives the 1.5 GiB benchmark.
 */
import { loadPki } from './cms';
import { connectSimClient, runLargeSignRequest, sendLargeSignRequest } from './ncalayer-sim-client';
import { startNcaLayerSimulator, type NcaLayerSim } from './ncalayer-sim';

const MiB = 1024 * 1024;
let sim: NcaLayerSim;
beforeEach(async () => {
  sim = await startNcaLayerSimulator();
});
afterEach(() => sim.stop());

test('64 MiB of base64 in 1 MiB fragments is hashed and signed; stats count the bytes', async () => {
  const contentBytes = 48 * MiB; // -> 64 MiB of base64
  const run = await runLargeSignRequest({ url: sim.url, caPem: sim.caPem, contentBytes, fragmentBytes: MiB, timeoutMs: 20_000 });
  expect(run.verified).toBe(true);
  expect(run.fragments).toBeGreaterThanOrEqual(64);
  expect(run.messageBytes).toBeGreaterThan(64 * MiB);
  expect(sim.stats.bytesReceived).toBe(run.messageBytes);
  expect(sim.stats.documents).toBe(1);
  expect(sim.stats.lastRequest?.documents).toEqual([{ size: contentBytes, sha256: (run.sha256[0] as Buffer).toString('hex') }]);
  expect(sim.stats.lastRequest?.args).toMatchObject({ format: 'cms', signingParams: { encapsulate: false } });
}, 25_000);

test('an array of large documents in one message, results in order', async () => {
  const contentBytes = 6 * MiB + 1; // not a multiple of 3: exercises base64 padding at the end
  const run = await runLargeSignRequest({ url: sim.url, caPem: sim.caPem, contentBytes, documents: 3, fragmentBytes: 256 * 1024 });
  expect(run.verified).toBe(true);
  expect((run.reply['body'] as { result: unknown[] }).result).toHaveLength(3);
  expect(sim.stats.lastRequest?.documents.map((d) => d.sha256)).toEqual(run.sha256.map((h) => h.toString('hex')));
}, 20_000);

test('encapsulate:true above the simulator limit is refused with an error, not an out-of-memory', async () => {
  sim.setMode({ maxEncapsulateBytes: 4 * MiB });
  const client = await connectSimClient(sim.url, loadPki().caCertPem);
  try {
    await sendLargeSignRequest(client.ws, { contentBytes: 5 * MiB, signingParams: { decode: true, encapsulate: true } });
    expect(JSON.parse(await client.next(10_000))).toMatchObject({ status: false, code: 'GENERAL_ERROR' });
  } finally {
    client.close();
  }
}, 20_000);
