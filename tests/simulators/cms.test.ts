import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { isValidIinBin } from '../../src-main/core/iin';
import { cmsFromBase64OrPem, cmsToPem, inspectCms, loadPki, OIDS, sha256, signCms, verifyCmsWithPkijs, type SignerFixture } from './cms';
import { PKI_PATHS, pemToDer } from './fixtures';
import { generatePki, PKI_FILE_NAMES } from './pki/generate';
import { OPENSSL, opensslVerify } from './openssl';

const pki = loadPki();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-cms-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const content = Buffer.from('Договор №1 — test document\n'.repeat(100));
const { individual, employee, expired } = pki.signers;

describe('test PKI', () => {
  test('IINs and BINs carry valid check digits and are in the certificates', () => {
    for (const s of Object.values(pki.signers)) {
      expect(isValidIinBin(s.iin)).toBe(true);
      expect(s.subject).toContain(`SERIALNUMBER=IIN${s.iin}`);
      expect(s.subject).toContain('C=KZ');
      expect(s.email).toMatch(/@sigex-desktop\.test$/);
    }
    expect(employee.bin && isValidIinBin(employee.bin)).toBe(true);
    expect(employee.subject).toContain(`OU=BIN${employee.bin}`);
    expect(employee.subject).toContain('O=ТОО «ТЕСТ»');
    expect(individual.subject).toMatch(/^CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, /);
  });

  test('signer certificates are shaped like NCA ones', () => {
    expect([individual.keyAlgorithm, employee.keyAlgorithm, expired.keyAlgorithm]).toEqual(['RSA', 'ECDSA', 'RSA']);
    for (const s of [individual, employee]) {
      const cert = new x509.X509Certificate(pemToDer(s.certPem));
      expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toContain('1.3.6.1.5.5.7.3.4');
      expect(cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items.map((i) => i.value)).toEqual([s.email]);
      expect(cert.notAfter.getUTCFullYear()).toBeGreaterThanOrEqual(2046);
    }
    const rsa = new x509.X509Certificate(pemToDer(individual.certPem)).publicKey.algorithm as RsaHashedKeyAlgorithm;
    expect(rsa.modulusLength).toBe(2048);
    expect(new x509.X509Certificate(pemToDer(expired.certPem)).notAfter.getTime()).toBeLessThan(Date.now());
  });

  test('server certs: trusted one chains to the test root, the untrusted one does not', () => {
    const server = new x509.X509Certificate(pemToDer(pki.serverCertPem));
    const sans = server.getExtension(x509.SubjectAlternativeNameExtension)?.names.items.map((i) => `${i.type}:${i.value}`);
    expect(sans).toEqual(['ip:127.0.0.1', 'dns:localhost']);
    const ok = spawnSync(OPENSSL, ['verify', '-CAfile', PKI_PATHS.caCert, PKI_PATHS.serverCert], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const bad = spawnSync(OPENSSL, ['verify', '-CAfile', PKI_PATHS.caCert, PKI_PATHS.untrustedServerCert], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  test('generator writes a complete, verifiable PKI', async () => {
    const out = path.join(tmp, 'generated');
    const files = await generatePki(out);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(Object.values(PKI_FILE_NAMES).sort());
    expect(fs.readFileSync(path.join(out, PKI_FILE_NAMES.caCert), 'utf8')).toMatch(/^# TEST ONLY/);
    const certs = [PKI_FILE_NAMES.serverCert, PKI_FILE_NAMES.individualCert, PKI_FILE_NAMES.employeeCert].map((f) => path.join(out, f));
    const r = spawnSync(OPENSSL, ['verify', '-CAfile', path.join(out, PKI_FILE_NAMES.caCert), ...certs], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/signer-employee\.pem: OK/);
    expect(r.status).toBe(0);
  });
});

describe('signCms / inspectCms', () => {
  test.each([['individual'], ['employee']] as const)('detached CMS by %s verifies with pkijs and openssl', async (id) => {
    const signer = pki.signers[id];
    const der = await signCms({ signer, content });
    const info = await inspectCms(der);
    expect(info).toMatchObject({ signerInfoCount: 1, digestAlgorithmOid: OIDS.sha256, signatureValid: true });
    expect(info.messageDigest.equals(sha256(content))).toBe(true);
    expect(info.encapsulatedContent).toBeUndefined();
    expect(info.signer).toMatchObject({ subject: signer.subject, iin: signer.iin, email: signer.email });
    expect(info.signer.bin).toBe(signer.bin);
    expect(info.signer.issuer).toContain('CN=SIGEX Desktop TEST Root CA');
    expect(Math.abs((info.signingTime as Date).getTime() - Date.now())).toBeLessThan(60_000);
    await expect(verifyCmsWithPkijs(der, { content, trustedCaPem: pki.caCertPem })).resolves.toBe(true);
    expect(opensslVerify(der, { content })).toMatchObject({ status: 0 });
  });

  test('tampered content is rejected by pkijs and openssl', async () => {
    const der = await signCms({ signer: individual, content });
    const tampered = Buffer.from(content);
    tampered[5] = (tampered[5] as number) ^ 1;
    await expect(verifyCmsWithPkijs(der, { content: tampered, trustedCaPem: pki.caCertPem })).resolves.toBe(false);
    const r = opensslVerify(der, { content: tampered });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/content verify error|digest failure/i);
  });

  test('a signature made with the wrong key is rejected', async () => {
    const wrong: SignerFixture = { ...individual, keyPem: expired.keyPem };
    const der = await signCms({ signer: wrong, content });
    expect((await inspectCms(der)).signatureValid).toBe(false);
    await expect(verifyCmsWithPkijs(der, { content, trustedCaPem: pki.caCertPem })).resolves.toBe(false);
    expect(opensslVerify(der, { content }).status).not.toBe(0);
  });

  test('a CMS chaining to the untrusted CA is rejected', async () => {
    const der = await signCms({ signer: employee, content });
    expect(opensslVerify(der, { content, caFile: PKI_PATHS.untrustedCaCert }).status).not.toBe(0);
    await expect(verifyCmsWithPkijs(der, { content, trustedCaPem: pki.untrustedCaCertPem })).resolves.toBe(false);
  });

  test('signing from a digest equals signing from the content', async () => {
    const signingTime = new Date('2030-05-06T07:08:09Z');
    const a = await signCms({ signer: individual, content, signingTime });
    const b = await signCms({ signer: individual, digest: sha256(content), signingTime });
    expect(b.equals(a)).toBe(true); // RSA PKCS#1 v1.5 is deterministic
    const e = await signCms({ signer: employee, digest: sha256(content), signingTime });
    const info = await inspectCms(e);
    expect(info.signingTime).toEqual(signingTime);
    expect(info.signatureValid).toBe(true);
    expect(opensslVerify(e, { content }).status).toBe(0);
  });

  test('encapsulated CMS carries the content and verifies without -content', async () => {
    const der = await signCms({ signer: employee, content, encapsulate: true });
    expect((await inspectCms(der)).encapsulatedContent?.equals(content)).toBe(true);
    await expect(verifyCmsWithPkijs(der, { trustedCaPem: pki.caCertPem })).resolves.toBe(true);
    expect(opensslVerify(der).status).toBe(0);
    await expect(signCms({ signer: employee, digest: sha256(content), encapsulate: true })).rejects.toThrow(/encapsulate/);
  });

  test('expired signer: valid signature, chain rejected now, accepted at a time inside validity', async () => {
    const der = await signCms({ signer: expired, content, signingTime: new Date('2020-06-01T00:00:00Z') });
    expect((await inspectCms(der)).signatureValid).toBe(true);
    await expect(verifyCmsWithPkijs(der, { content, trustedCaPem: pki.caCertPem })).resolves.toBe(false);
    await expect(verifyCmsWithPkijs(der, { content, trustedCaPem: pki.caCertPem, checkDate: new Date('2020-06-01') })).resolves.toBe(true);
    expect(opensslVerify(der, { content }).stderr).toMatch(/expired/);
    const at = String(Date.parse('2020-06-01T00:00:00Z') / 1000);
    expect(opensslVerify(der, { content, extra: ['-attime', at] }).status).toBe(0);
  });

  test('bad inputs', async () => {
    await expect(signCms({ signer: individual })).rejects.toThrow(/content or digest/);
    await expect(signCms({ signer: individual, digest: Buffer.alloc(20) })).rejects.toThrow(/32 bytes/);
    await expect(signCms({ signer: individual, content, digest: Buffer.alloc(32) })).rejects.toThrow(/does not match/);
    await expect(inspectCms(Buffer.from('not a cms'))).rejects.toThrow();
  });
});

describe('armour', () => {
  test('PEM armour (64-char lines) and bare base64 both parse to the same DER', async () => {
    const der = await signCms({ signer: individual, digest: sha256(content) });
    const pem = cmsToPem(der);
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CMS-----');
    expect(lines.at(-1)).toBe('-----END CMS-----');
    expect(lines.slice(1, -2).every((l) => l.length === 64)).toBe(true);
    expect(cmsFromBase64OrPem(pem).equals(der)).toBe(true);
    expect(cmsFromBase64OrPem(pem.replace(/\n/g, '\r\n')).equals(der)).toBe(true);
    expect(cmsFromBase64OrPem(der.toString('base64')).equals(der)).toBe(true);
    expect(() => cmsFromBase64OrPem('<html>nope</html>')).toThrow();
  });
});
