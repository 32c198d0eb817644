/**
 * SIGEX simulator: strings, version, buildFileName, reset and stop.
 */
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { getJson, registered } from './sigex-test-client';

let sim: SigexSim;
beforeAll(async () => {
  sim = await startSigexSimulator({ version: '3.1.4-test' });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const PROTOCOL_KEYS = [
  'OCSP server problem',
  'TSP server problem',
  'Signature does not correspond to the document',
  'Request body is too large',
  'HTTP Content-Length request header not set',
  'Document signatures limit reached',
  'Signature does not conform to document settings requirements',
  'This signature has already been submitted',
  'Signer certificate expired or not yet valid',
  'Too many notification email addresses provided',
  'One of the provided notification email addresses is in invalid format',
  'Request rate limit reached',
  'Document not found',
  'Access denied',
  'Authentication required',
  'Digests values update required',
  'QR signing operation timeout',
  'eGov mobile data exchange failed',
  'Too much users use QR signing',
];

test('strings: Russian text and description for every key; NCA authority OIDs; certification authorities', async () => {
  const s = await getJson(`${sim.url}/api/strings`);
  for (const key of PROTOCOL_KEYS) {
    expect(s.errorMessages[key]).toEqual(expect.objectContaining({ ru: expect.stringMatching(/[а-я]/), description: expect.any(String) }));
  }
  // every key the simulator can answer with has a text
  for (const entry of Object.values(s.errorMessages) as Array<{ ru: string; kk?: string }>) {
    expect(entry.ru.length).toBeGreaterThan(3);
    if (entry.kk !== undefined) expect(entry.kk.length).toBeGreaterThan(3);
  }
  const oids = s.consts.ncaAuthorityOIDs;
  expect(oids['1.2.398.3.3.4.1.1']).toEqual({ ru: 'Физическое лицо', kk: expect.any(String), en: 'Individual' });
  expect(oids['1.2.398.3.3.4.1.2']).toMatchObject({ en: 'Legal entity' });
  expect(oids['1.2.398.3.3.4.1.2.1'].ru).toContain('Первый руководитель');
  expect(oids['1.2.398.3.3.4.1.2.2'].ru).toContain('правом подписи');
  expect(Object.keys(oids)).toEqual(expect.arrayContaining(['1.2.398.3.3.4.1.2.3', '1.2.398.3.3.4.1.2.4', '1.2.398.3.3.4.1.2.5']));
  expect(s.consts.certificationAuthorities.nca).toEqual({ ru: expect.any(String), kk: expect.any(String), en: expect.any(String) });
});

test('version', async () => {
  expect(await getJson(`${sim.url}/api/version`)).toEqual({ version: '3.1.4-test' });
});

test('buildFileName follows the -SigexId rule', async () => {
  const id = await registered(sim);
  const name = (n: string) => getJson(`${sim.url}/api/${id}/buildFileName?name=${encodeURIComponent(n)}`);
  expect(await name('x.pdf')).toEqual({ fileName: `x-SigexId${id}.pdf` });
  expect(await name('report.v2.pdf')).toEqual({ fileName: `report.v2-SigexId${id}.pdf` });
  expect(await name('README')).toEqual({ fileName: `README-SigexId${id}` });
  expect(await name('Договор №5.docx')).toEqual({ fileName: `Договор №5-SigexId${id}.docx` });
  expect((await name('a/b.pdf')).message).toBe('Invalid file name');
  expect((await getJson(`${sim.url}/api/${id}/buildFileName`)).message).toBe('Invalid URL query parameter');
  expect((await getJson(`${sim.url}/api/AAAAAAAAAAAAAAAA/buildFileName?name=x.pdf`)).message).toBe('Document not found');
});

test('reset forgets documents, faults and the log', async () => {
  await registered(sim);
  sim.fault('version', { status: 500 });
  sim.reset();
  expect(sim.documents()).toEqual([]);
  expect(sim.requests).toEqual([]);
  expect((await fetch(`${sim.url}/api/version`)).status).toBe(200);
});

test('stop closes hanging requests; fixed port option', async () => {
  const other = await startSigexSimulator();
  const fixed = await startSigexSimulator({ port: other.port + 1 }).catch(() => null);
  if (fixed) {
    expect(fixed.url).toBe(`http://127.0.0.1:${other.port + 1}`);
    await fixed.stop();
  }
  other.fault('info', { hang: true });
  const pending = fetch(`${other.url}/api/AAAAAAAAAAAAAAAA`).then(
    () => 'answered',
    () => 'failed',
  );
  await new Promise((r) => setTimeout(r, 100));
  const t = Date.now();
  await other.stop();
  expect(await pending).toBe('failed');
  expect(Date.now() - t).toBeLessThan(1000);
});
