/**
 * Small plain-HTTP helpers for the SIGEX simulator tests (no app code involved).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { derToPem, pemToDer, PKI_PATHS } from './fixtures';
import { loadPki, signCms, type SignerFixture } from './cms';
import type { SigexSim } from './sigex-sim';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const signers = () => loadPki().signers;

export async function postJson(url: string, body: unknown): Promise<Json> {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as Json;
}

export async function getJson(url: string): Promise<Json> {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as Json;
}

/** Detached CMS (base64) over content; the simulators' one monotonic clock gives each call a
 * distinct signingTime, so the CMS differs. */
export async function sign(
  signer: SignerFixture | keyof ReturnType<typeof signers>,
  content: Buffer,
  encapsulate = false,
): Promise<string> {
  const fixture = typeof signer === 'string' ? signers()[signer] : signer;
  const cms = await signCms({ signer: fixture, content, encapsulate });
  return cms.toString('base64');
}

export interface RegisterOpts {
  signer?: keyof ReturnType<typeof signers>;
  content?: Buffer;
  signature?: string;
  settings?: unknown;
  emails?: string[];
  title?: string;
}

export async function register(sim: SigexSim, o: RegisterOpts = {}): Promise<Json> {
  const content = o.content ?? Buffer.from('document body');
  const title = o.title ?? 'contract.pdf';
  return postJson(`${sim.url}/api`, {
    title,
    description: title,
    signType: 'cms',
    signature: o.signature ?? (await sign(o.signer ?? 'individual', content)),
    ...(o.emails ? { emailNotifications: { to: o.emails } } : {}),
    ...(o.settings !== undefined ? { settings: o.settings } : {}),
  });
}

export async function upload(sim: SigexSim, id: string, content: Buffer): Promise<Json> {
  const r = await fetch(`${sim.url}/api/${id}/data`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(content),
  });
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as Json;
}

/** Register + upload; returns the document id. */
export async function registered(sim: SigexSim, o: RegisterOpts = {}): Promise<string> {
  const content = o.content ?? Buffer.from('document body');
  const reg = await register(sim, { ...o, content });
  if (typeof reg.documentId !== 'string') throw new Error(`register failed: ${JSON.stringify(reg)}`);
  const up = await upload(sim, reg.documentId, content);
  if (up.message) throw new Error(`upload failed: ${up.message}`);
  return reg.documentId;
}

/** POST with a chunked body (no Content-Length). */
export function postChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/**
 * Raw HTTP over a socket: sends `head` + `body`, optionally half-closes, and collects whatever
 * comes back until the server closes (or `timeoutMs`).
 */
export function rawHttp(port: number, head: string, body: Buffer, o: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let out = '';
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(out);
    }, o.timeoutMs ?? 5000);
    sock.on('data', (c) => (out += c.toString('utf8')));
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    sock.on('error', () => undefined);
    sock.on('end', () => sock.end());
    sock.write(head);
    sock.write(body);
    if (o.halfClose) sock.end();
  });
}

/** The JSON body of a raw HTTP answer. */
export function rawJson(answer: string): Json {
  const i = answer.indexOf('\r\n\r\n');
  return JSON.parse(answer.slice(i + 4)) as Json;
}

/** A signer whose certificate comes from the untrusted test CA (SIGEX: unknown issuer). */
export async function foreignSigner(): Promise<SignerFixture> {
  const pki = loadPki();
  const caCert = new x509.X509Certificate(new Uint8Array(pemToDer(pki.untrustedCaCertPem)));
  const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const caKeyDer = pemToDer(fs.readFileSync(PKI_PATHS.untrustedCaKey, 'utf8'));
  const caKey = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(caKeyDer), rsa, false, ['sign']);
  const ec = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0badca',
    subject: 'CN=FOREIGN TEST, 2.5.4.5=IIN850515300125, C=KZ',
    issuer: caCert.subject,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2046-01-01T00:00:00Z'),
    signingAlgorithm: rsa,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.1'])],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    ...pki.signers.individual,
    certPem: cert.toString('pem'),
    keyPem: derToPem(new Uint8Array(pkcs8), 'PRIVATE KEY'),
    chainPem: [pki.untrustedCaCertPem],
    keyAlgorithm: 'ECDSA',
  };
}
