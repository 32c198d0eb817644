import { humanLine, lineFor } from '../../src-main/cli/common';
import { cosignLineFor, humanCosignLine, qrHeading } from '../../src-main/cli/cosign';
import type { FileJobView } from '../../src-main/ipc/contract';

const registered = (v: Partial<FileJobView>): FileJobView => ({
  handle: 'h',
  name: 'a.pdf',
  size: 1,
  status: 'registered',
  documentId: 'lQsqLBaS4nQAIIMm',
  ...v,
});

test('sign lines say when the app could not check the signed bytes itself, and only then', () => {
  const oid = '1.2.398.3.10.1.3.1';
  const line = lineFor('/w/a.pdf', registered({ bytesCheck: { checked: false, digestOid: oid } }), undefined, undefined, 'en');
  expect(line).toEqual({ file: '/w/a.pdf', status: 'registered', documentId: 'lQsqLBaS4nQAIIMm', bytesNotChecked: oid });
  expect(humanLine(line)).toContain(`not checked locally that the signature covers these bytes: digest ${oid} is not supported`);

  const checked = lineFor('/w/a.pdf', registered({ bytesCheck: { checked: true, digest: 'streebog512' } }), undefined, undefined, 'en');
  expect(checked).toEqual({ file: '/w/a.pdf', status: 'registered', documentId: 'lQsqLBaS4nQAIIMm' });
  expect(humanLine(checked)).not.toContain('not checked');
});

test('cosign lines say when the app could not check my signature against the bytes itself, and only then', () => {
  const oid = '1.2.398.3.10.1.3.1';
  const base = { file: '/w/act-SigexIdAB12.pdf', documentId: 'AB12' };
  const line = cosignLineFor({ ...base, status: 'cosigned', bytesCheck: { checked: false, digestOid: oid } }, 'en');
  expect(line).toEqual({ ...base, status: 'cosigned', bytesNotChecked: oid });
  expect(humanCosignLine(line)).toContain(`not checked locally that the signature covers these bytes: digest ${oid} is not supported`);
  const queued = cosignLineFor({ ...base, status: 'queued', bytesCheck: { checked: false, digestOid: oid } }, 'en');
  expect(queued.bytesNotChecked).toBe(oid);
  const checked = cosignLineFor({ ...base, status: 'cosigned', bytesCheck: { checked: true, digest: 'sha256' } }, 'en');
  expect(checked).not.toHaveProperty('bytesNotChecked');
  expect(humanCosignLine(checked)).not.toContain('not checked');
});

test('cosign --qr: a renewed QR says which automatic renewal it is on stderr; the first one does not', () => {
  const qr = { image: '', expireAt: 1, eGovMobileLaunchLink: 'l', eGovBusinessLaunchLink: 'b', spent: false };
  expect(qrHeading({ ...qr, renewals: { done: 0, max: 3 } })).toBe('Scan this QR code with eGov mobile or eGov Business apps.');
  expect(qrHeading(qr)).toBe('Scan this QR code with eGov mobile or eGov Business apps.');
  expect(qrHeading({ ...qr, renewals: { done: 2, max: 3 } })).toBe(
    'The QR code expired before it was scanned; here is a new one (automatic renewal 2 of 3). Scan this QR code with eGov mobile or eGov Business apps.',
  );
});
