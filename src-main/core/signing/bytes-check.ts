/**
 * "The signature covers these exact bytes", checked before anything reaches SIGEX: the CMS's
 * signed messageDigest is compared with the file's digest in the algorithm the SignerInfo
 * names. SHA-256 comes from the snapshot taken before signing; a GOST digest (Streebog) needs
 * one more read of the file, which also re-computes SHA-256 so the bytes compared are the bytes
 * that were signed and will be uploaded. An algorithm we cannot compute is reported as
 * not checked (the UI and the CLI say so), never as passed.
 *
 * Byte order: RFC 4490 / 7836 and OpenSSL's GOST engine store a GOST messageDigest as the hash
 * function returns its bytes (streebog.ts, "byte-oriented" order). Some GOST software stores
 * the reverse (the standard's printed order); PROTOCOLS.md has nothing on NCALayer's choice.
 * Both orders are accepted for GOST: either way the digest binds these exact bytes.
 */
import type { BytesCheckView } from '../../../src-shared/model';
import { digestChunks, digestForOid, DIGEST_LABEL } from '../crypto/digests';
import { AppError } from '../errors';
import { fileError, openRead, type FileSnapshot } from '../files';

export interface SignedBytesInput {
  path: string;
  name: string;
  snap: Pick<FileSnapshot, 'sha256'>;
  digestAlgorithm: string;
  messageDigest: Buffer;
  signal?: AbortSignal;
}

export async function checkSignedBytes(o: SignedBytesInput): Promise<BytesCheckView> {
  const algorithm = digestForOid(o.digestAlgorithm);
  if (!algorithm) return { checked: false, digestOid: o.digestAlgorithm };
  let actual: Buffer;
  if (algorithm === 'sha256') {
    actual = Buffer.from(o.snap.sha256, 'hex');
  } else {
    let d: Record<'sha256' | typeof algorithm, Buffer>;
    try {
      d = await digestChunks(openRead(o.path), ['sha256', algorithm], o.signal);
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason;
      throw fileError(e, o.path);
    }
    if (d.sha256.toString('hex') !== o.snap.sha256) {
      throw new AppError('file-changed', `file changed after signing: ${o.path}`, { params: { name: o.name } });
    }
    actual = d[algorithm];
  }
  const same = o.messageDigest.equals(actual) || (algorithm !== 'sha256' && o.messageDigest.equals(Buffer.from(actual).reverse()));
  if (!same) {
    throw new AppError('signature-mismatch', `the signature does not cover the bytes of the file (${DIGEST_LABEL[algorithm]})`, {
      params: { name: o.name },
    });
  }
  return { checked: true, digest: algorithm };
}
