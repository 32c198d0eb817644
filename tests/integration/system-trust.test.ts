/**
 * NCALayer's certificate checked against the OPERATING SYSTEM's trust store, for real: the CLI
 * runs as a child process with no CA file, and the test root CA is put in the system store the
 * way OpenSSL-based Linux systems define it (SSL_CERT_FILE / SSL_CERT_DIR).
 *
 * Electron 45 runs main on Node 24, which reads the system store (tls.getCACertificates
 * ('system')); there the signature goes through. This machine's Node 20 cannot read it: the
 * documented fallback is Node's bundled roots + the CA file from Settings, so the same run is
 * refused as "certificate not trusted" and NCALayer never gets a request. `.ci/run` runs this
 * file on both runtimes.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { jsonLines, runCli } from '../support/cli';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(60_000);

const readsSystemStore = typeof (tls as unknown as { getCACertificates?: unknown }).getCACertificates === 'function';

let h: Harness;
afterEach(() => h?.stop());

async function signWithSystemStore(storeFile: string) {
  h = await startHarness();
  const emptyDir = path.join(h.root, 'no-ca-dir');
  await fsp.mkdir(emptyDir);
  const file = await writeWorkFile(h, 'trust.pdf', '%PDF trust');
  const { NCALAYER_CA_FILE: _none, ...env } = h.env;
  const run = await runCli(['sign', file, '--json'], { ...env, SSL_CERT_FILE: storeFile, SSL_CERT_DIR: emptyDir }, h.workDir);
  return { run, line: jsonLines(run.stdout)[0] };
}

test(`system store holding the test root: ${readsSystemStore ? 'trusted (Node 24 reads the OS store)' : 'Node 20 cannot read it, refused as untrusted'}`, async () => {
  const { run, line } = await signWithSystemStore(path.join(__dirname, '..', 'simulators', 'pki', 'root-ca.pem'));
  if (readsSystemStore) {
    expect(line).toMatchObject({ status: 'registered' });
    expect(run.code).toBe(0);
    expect(h.ncalayer!.stats.documents).toBe(1);
  } else {
    expect(line).toMatchObject({ status: 'failed', error: { kind: 'ncalayer-untrusted' } });
    expect(run.code).toBe(1);
    expect(h.ncalayer!.stats.requests).toBe(0);
  }
});

test('system store without the test root: refused as untrusted on every runtime, NCALayer never asked', async () => {
  const other = path.join(__dirname, '..', 'simulators', 'pki', 'signer-employee.pem');
  const { run, line } = await signWithSystemStore(other);
  expect(line).toMatchObject({ status: 'failed', error: { kind: 'ncalayer-untrusted' } });
  expect(run.code).toBe(1);
  expect(h.ncalayer!.stats.requests).toBe(0);
  expect(h.ncalayer!.stats.tlsErrors).toBeGreaterThan(0);
  expect(h.sigex.documents()).toHaveLength(0);
});
