/**
 * TEST ONLY. Adds the GOST-2015 signer to the committed test PKI: a legal-entity employee
 * certificate whose key is GOST 34.10-2015 512 bit (NCA RK's OIDs, tests/simulators/gost/kz-gost.ts),
 * issued by the existing test root CA (RSA: the simulated SIGEX checks the chain with it).
 * The rest of the PKI is left as it is.
 *
 * Run: npx tsx tests/simulators/pki/generate-gost.ts [outDir]   (default: this directory)
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { isValidIinBin, withCheckDigit } from '../../../src-main/core/iin';
import { derToPem, pemToDer } from '../fixtures';
import { CURVE, gostPublicKey, pkcs8Der, spkiDer } from '../gost/kz-gost';
import { generatePrivateKey } from '../gost/gost3410';
import { HEADER, PKI_FILE_NAMES } from './generate';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto }));

function iinBin(first11: string): string {
  const value = withCheckDigit(first11);
  if (value === null || !isValidIinBin(value)) throw new Error(`no valid IIN/BIN for ${first11}`);
  return value;
}

export const GOST_IDENTITY = { iin: iinBin('87030330067'), bin: iinBin('16054001235'), email: 'gost2015@sigex-desktop.test' };

const OID = {
  emailProtection: '1.3.6.1.5.5.7.3.4',
  ncaLegalEntity: '1.2.398.3.3.4.1.2',
  ncaEmployee: '1.2.398.3.3.4.1.2.5',
  serialNumber: '2.5.4.5',
};

export async function generateGostSigner(dir: string): Promise<string[]> {
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const rootDer = pemToDer(read(PKI_FILE_NAMES.caCert));
  const root = pkijs.Certificate.fromBER(rootDer);
  const rootX = new x509.X509Certificate(rootDer);
  const rootKey = await webcrypto.subtle.importKey('pkcs8', pemToDer(read(PKI_FILE_NAMES.caKey)), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]);

  const d = generatePrivateKey(CURVE);
  const Q = gostPublicKey(d);
  const spki = spkiDer(Q);
  const { iin, bin, email } = GOST_IDENTITY;
  const subject = new x509.Name([
    { CN: ['ГОСТОВА ГУЛЬНАР'] },
    { SN: ['ГОСТОВА'] },
    { [OID.serialNumber]: [`IIN${iin}`] },
    { C: ['KZ'] },
    { O: ['ТОО «ГОСТ ТЕСТ»'] },
    { OU: [`BIN${bin}`] },
    { G: ['ТЕСТОВНА'] },
    { E: [email] },
  ]);
  const spkiHash = Buffer.from(await webcrypto.subtle.digest('SHA-1', spki));
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, false),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    new x509.ExtendedKeyUsageExtension([OID.emailProtection, OID.ncaLegalEntity, OID.ncaEmployee]),
    new x509.SubjectAlternativeNameExtension([{ type: 'email', value: email }]),
    new x509.SubjectKeyIdentifierExtension(spkiHash.toString('hex')),
    await x509.AuthorityKeyIdentifierExtension.create(rootX.publicKey),
  ];

  const serial = webcrypto.getRandomValues(new Uint8Array(16));
  serial[0] = ((serial[0] as number) & 0x7f) | 0x10;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.issuer = root.subject;
  cert.subject = pkijs.RelativeDistinguishedNames.fromBER(subject.toArrayBuffer());
  cert.notBefore.value = new Date('2024-01-01T00:00:00Z');
  cert.notAfter.value = new Date('2046-12-31T23:59:59Z');
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(new Uint8Array(spki));
  cert.extensions = extensions.map((e) => pkijs.Extension.fromBER(e.rawData));
  await cert.sign(rootKey, 'SHA-256');

  const files: [string, string, string][] = [
    [
      PKI_FILE_NAMES.gostCert,
      derToPem(new Uint8Array(cert.toSchema().toBER()), 'CERTIFICATE'),
      `signer: legal-entity employee, GOST 34.10-2015 512 bit (1.2.398.3.10.1.1.2.2), IIN${iin}, BIN${bin}`,
    ],
    [PKI_FILE_NAMES.gostKey, derToPem(pkcs8Der(d), 'PRIVATE KEY'), 'signer: GOST-2015 private key (PKCS#8, NCA OIDs; d little-endian)'],
  ];
  const written: string[] = [];
  for (const [name, body, what] of files) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${HEADER.replaceAll('generate.ts', 'generate-gost.ts')}# ${what}\n${body.trim()}\n`);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? __dirname);
  generateGostSigner(outDir).then(
    (files) => console.log(`wrote ${files.length} TEST ONLY files to ${outDir}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
