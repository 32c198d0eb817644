import { humanLine, lineFor } from '../../src-main/cli/common';
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
