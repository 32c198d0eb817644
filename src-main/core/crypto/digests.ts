/**
 * The digest algorithms a signature may name, by OID, and streaming file hashing with several of
 * them in one read. SHA-256 is Node's; Streebog is ours (streebog.ts).
 */
import { createHash } from 'node:crypto';
import { Streebog } from './streebog';

export type DigestName = 'sha256' | 'streebog256' | 'streebog512';

/**
 * Digest algorithm OIDs a SignerInfo may carry. NCA RK's own OIDs (1.2.398.3.10.1.3.x, as NCALayer
 * writes them for GOST-2015 keys) and the TC26 ones (RFC 7836) name the same functions.
 * Not here, so never claimed as checked: GOST 34.311-95 (1.2.398.3.10.1.3.1, GOST-2004 keys,
 * no longer issued) and anything else.
 */
export const DIGEST_BY_OID: Readonly<Record<string, DigestName>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '1.2.643.7.1.1.2.2': 'streebog256',
  '1.2.643.7.1.1.2.3': 'streebog512',
  '1.2.398.3.10.1.3.2': 'streebog256',
  '1.2.398.3.10.1.3.3': 'streebog512',
};

/** Readable names, for messages. */
export const DIGEST_LABEL: Readonly<Record<DigestName, string>> = {
  sha256: 'SHA-256',
  streebog256: 'Streebog-256 (GOST 34.11-2015)',
  streebog512: 'Streebog-512 (GOST 34.11-2015)',
};

export const digestForOid = (oid: string): DigestName | undefined => (Object.hasOwn(DIGEST_BY_OID, oid) ? DIGEST_BY_OID[oid] : undefined);

export interface Hasher {
  update(data: Uint8Array): void;
  digest(): Buffer;
}

export function createDigest(name: DigestName): Hasher {
  if (name === 'sha256') {
    const h = createHash('sha256');
    return { update: (d) => void h.update(d), digest: () => h.digest() };
  }
  const h = new Streebog(name === 'streebog512' ? 512 : 256);
  return { update: (d) => void h.update(d), digest: () => h.digest() };
}

/** Streebog runs in JavaScript: it is fed this much at a time, then the event loop gets a turn. */
const SLICE = 128 * 1024;

/**
 * Hashes a stream of chunks with every named algorithm in one pass. Between slices of a chunk
 * the event loop runs (setImmediate), so hashing a large file keeps the main process answering
 * IPC and timers; a cancel stops it within one slice.
 */
export async function digestChunks<N extends DigestName>(
  chunks: AsyncIterable<Uint8Array>,
  names: readonly N[],
  signal?: AbortSignal,
): Promise<Record<N, Buffer>> {
  const hashers = names.map((n) => [n, createDigest(n)] as const);
  const slow = names.some((n) => n !== 'sha256');
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE) {
      signal?.throwIfAborted();
      const slice = chunk.subarray(at, at + SLICE);
      for (const [, h] of hashers) h.update(slice);
      if (slow) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  signal?.throwIfAborted();
  return Object.fromEntries(hashers.map(([n, h]) => [n, h.digest()])) as Record<N, Buffer>;
}
