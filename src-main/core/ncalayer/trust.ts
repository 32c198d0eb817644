/**
 * Which roots NCALayer's certificate is checked against. Node does not read the OS store by
 * default, while NCALayer's installer puts NCA RK's roots exactly there; so the client passes
 * `ca` explicitly: OS roots (when this Node can read them) + Node's bundled roots + extra PEMs
 * (a CA file from settings / NCALAYER_CA_FILE, or a test CA). Verification is never disabled.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import { AppError } from '../errors.js';
import { errorCode } from './protocol.js';

type GetCaCertificates = (type: 'system' | 'bundled' | 'default' | 'extra') => string[];

/** OS trust store roots: Node >= 22.15 / Electron; absent on older Node (returns []). */
export function systemRoots(): string[] {
  const get = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;
  if (typeof get !== 'function') return [];
  try {
    return get('system');
  } catch (e) {
    // Reading the OS store can fail on locked-down machines; bundled + extra roots remain.
    void e;
    return [];
  }
}

/** The full `ca` list for the TLS connection. Duplicates are harmless but dropped anyway. */
export function trustedRoots(extraPems: readonly string[] = []): string[] {
  return [...new Set([...systemRoots(), ...tls.rootCertificates, ...extraPems])];
}

const contexts = new Map<string, tls.SecureContext>();
let systemLoad: string[] | null = null;

/**
 * The OS store's roots, read once per process, when the first NCALayer connection needs them
 * (the app's status check as its window opens; ~130 ms on Linux's 576-root bundle, far less
 * from a Windows store). It used to be a worker thread, to keep that read off the main thread:
 * but a worker is a second V8 heap and Node environment, ~13 MiB of peak memory for the whole
 * run, more than the read it saved (npm run bench, Node 24: peak RSS at 1 GiB).
 */
function systemRootsOnce(): string[] {
  systemLoad ??= systemRoots();
  return systemLoad;
}

/**
 * The TLS context trusting the OS roots + Node's bundled roots + `extraPems`, built once per
 * set of extra roots (building one from hundreds of roots takes ~25 ms of the main thread on
 * every connection otherwise). Node itself reads the OS store once per process, so caching
 * the context loses nothing.
 */
export async function trustContext(extraPems: readonly string[] = []): Promise<tls.SecureContext> {
  const key = extraPems.join('\n');
  const cached = contexts.get(key);
  if (cached) return cached;
  const system = systemRootsOnce();
  const context = contexts.get(key) ?? tls.createSecureContext({ ca: [...new Set([...system, ...tls.rootCertificates, ...extraPems])] });
  contexts.set(key, context);
  return context;
}

const PEM_CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Splits PEM text into certificate blocks, checking each parses as X.509. */
export function parseCaPems(text: string, source: string): string[] {
  const blocks = text.match(PEM_CERT_RE) ?? [];
  if (blocks.length === 0) {
    throw new AppError('invalid-input', `${source} contains no PEM certificate`, { params: { file: source } });
  }
  for (const pem of blocks) {
    try {
      new X509Certificate(pem);
    } catch (e) {
      throw new AppError('invalid-input', `${source} contains a certificate that cannot be parsed`, {
        params: { file: source },
        cause: e,
      });
    }
  }
  return blocks;
}

/** Reads an extra CA file (PEM, one or more certificates). */
export async function loadExtraCa(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errorCode(e);
    throw new AppError('invalid-input', `Cannot read the CA file ${path}${code ? ` (${code})` : ''}`, {
      params: { file: path },
      ...(code === undefined ? {} : { code }),
      cause: e,
    });
  }
  return parseCaPems(text, path);
}
