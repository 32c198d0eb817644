/**
 * npm run bench:digest — what the GOST byte check costs.
 *
 *   1. Hash speed, in memory (1 MiB chunks): Node's SHA-256 against our Streebog-512
 *      (src-main/core/crypto/streebog.ts; its g in WebAssembly, and the JavaScript fallback)
 *      on BENCH_DIGEST_MIB MiB (default 256).
 *   2. The extra wall time the check adds to signing a BENCH_DIGEST_FILE_MIB MiB file (default
 *      100): `checkSignedBytes` as the signing service runs it after NCALayer answers. For a
 *      SHA-256 signature it compares with the snapshot taken before signing (no read); for a
 *      GOST-2015 signature it reads the file again with SHA-256 + Streebog-512. The difference is
 *      what a GOST user waits for in addition.
 *
 *   --json   the LAST stdout line is one JSON object with every figure
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Streebog, streebog512 } from '../src-main/core/crypto/streebog';
import { snapshot } from '../src-main/core/files';
import { checkSignedBytes } from '../src-main/core/signing/bytes-check';

const MIB = 1024 * 1024;
const hashMib = Number(process.env.BENCH_DIGEST_MIB ?? 256);
const fileMib = Number(process.env.BENCH_DIGEST_FILE_MIB ?? 100);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function throughput(name: string, make: () => { update(b: Uint8Array): unknown; digest(): unknown }, chunk: Buffer): number {
  const h = make();
  const t0 = performance.now();
  for (let i = 0; i < hashMib; i++) h.update(chunk);
  h.digest();
  const s = (performance.now() - t0) / 1000;
  console.log(`${name.padEnd(20)} ${hashMib} MiB in ${round(s, 2)} s = ${round(hashMib / s)} MiB/s`);
  return hashMib / s;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}`);
  const chunk = randomBytes(MIB);
  // warm both up (JIT) on a small input first
  new Streebog(512).update(chunk).digest();
  new Streebog(512, { engine: 'js' }).update(chunk).digest();
  const engine = new Streebog(512).engine;
  const sha = throughput('SHA-256', () => createHash('sha256'), chunk);
  const gost = throughput(`Streebog-512 (${engine})`, () => new Streebog(512), chunk);
  const gostJs = engine === 'js' ? gost : throughput('Streebog-512 (js)', () => new Streebog(512, { engine: 'js' }), chunk);
  console.log(`Streebog-512 (${engine}, what the app uses) is ${round(sha / gost)} times slower than SHA-256`);

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'bench-digest-'));
  try {
    const file = path.join(dir, 'document.bin');
    const handle = await fsp.open(file, 'w');
    for (let i = 0; i < fileMib; i++) await handle.write(chunk);
    await handle.close();
    const snap = await snapshot(file); // what the service has from before signing (SHA-256)
    const input = { path: file, name: 'document.bin', snap };

    let t0 = performance.now();
    await checkSignedBytes({ ...input, digestAlgorithm: '2.16.840.1.101.3.4.2.1', messageDigest: Buffer.from(snap.sha256, 'hex') });
    const rsaS = (performance.now() - t0) / 1000;

    // the signature's messageDigest, computed outside the timed part
    const h = new Streebog(512);
    for (let i = 0; i < fileMib; i++) h.update(chunk);
    const gostDigest = h.digest();
    if (fileMib === 1 && !gostDigest.equals(streebog512(chunk))) throw new Error('streaming and one-shot digests differ');
    t0 = performance.now();
    const r = await checkSignedBytes({ ...input, digestAlgorithm: '1.2.398.3.10.1.3.3', messageDigest: gostDigest });
    const gostS = (performance.now() - t0) / 1000;
    if (!r.checked) throw new Error('the GOST check did not run');
    console.log(`byte check, ${fileMib} MiB file: SHA-256 signature ${round(rsaS * 1000)} ms, GOST-2015 signature ${round(gostS, 2)} s`);
    console.log(`extra wall time for a GOST-2015 signature on ${fileMib} MiB: ${round(gostS - rsaS, 2)} s`);
    if (json) {
      console.log(
        JSON.stringify({
          node: process.version,
          hashMib,
          sha256MibPerS: round(sha),
          streebog512Engine: engine,
          streebog512MibPerS: round(gost),
          streebog512JsMibPerS: round(gostJs),
          ratio: round(sha / gost),
          fileMib,
          checkSha256Ms: round(rsaS * 1000),
          checkGostS: round(gostS, 2),
          extraGostS: round(gostS - rsaS, 2),
        }),
      );
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
