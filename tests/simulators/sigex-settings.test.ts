/**
 * SIGEX simulator: document settings validation and rules, document info, adding signatures.
 * Fixtures: individual IIN850515300125 (EKU 1.2.398.3.3.4.1.1); employee IIN900101400231,
 * BIN150440012344 (EKU 1.2.398.3.3.4.1.2 + .2.5).
 */
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { getJson, postJson, register, registered, sign, upload, type Json } from './sigex-test-client';

let sim: SigexSim;
beforeAll(async () => {
  sim = await startSigexSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const content = Buffer.from('signed by several people');
const add = async (id: string, signer: 'individual' | 'employee' | 'expired', data = content): Promise<Json> =>
  postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: await sign(signer, data) });
const info = (id: string, lastSignId?: number) =>
  getJson(`${sim.url}/api/${id}${lastSignId === undefined ? '' : `?lastSignId=${lastSignId}`}`);

describe('settings validation at registration', () => {
  const cases: Array<[string, unknown, string]> = [
    ['not an object', 'x', 'Invalid format of provided document settings'],
    ['unknown field', { colour: 'red' }, 'Invalid format of provided document settings'],
    ['private not boolean', { private: 'yes' }, 'Invalid format of provided document settings'],
    ['negative limit', { signaturesLimit: -1 }, 'Invalid format of provided document settings'],
    ['fractional limit', { signaturesLimit: 1.5 }, 'Invalid format of provided document settings'],
    ['limit as string', { signaturesLimit: '2' }, 'Invalid format of provided document settings'],
    ['unique on e-mail', { unique: ['email'] }, 'Invalid format of provided document settings'],
    ['requirement with unknown field', { signersRequirements: [{ name: 'x' }] }, 'Invalid format of provided document settings'],
    ['empty requirement', { signersRequirements: [{}] }, 'Invalid format of provided document settings'],
    ['ca other than nca', { signersRequirements: [{ ca: 'other' }] }, 'Invalid format of provided document settings'],
    ['IIN without prefix', { signersRequirements: [{ iin: '850515300125' }] }, 'One of the provided IINs is in invalid format'],
    ['IIN bad check digit', { signersRequirements: [{ iin: 'IIN850515300126' }] }, 'One of the provided IINs is in invalid format'],
    ['BIN bad check digit', { signersRequirements: [{ bin: 'BIN150440012345' }] }, 'One of the provided IINs is in invalid format'],
    ['BIN with IIN prefix', { signersRequirements: [{ bin: 'IIN150440012344' }] }, 'One of the provided IINs is in invalid format'],
    [
      'authority not an OID',
      { signersRequirements: [{ authorities: ['first head'] }] },
      'One of the provided authority OIDs is in invalid format',
    ],
    ['documentAccess bad IIN', { documentAccess: [{ iin: 'IIN123' }] }, 'One of the provided IINs is in invalid format'],
  ];
  test.each(cases)('%s', async (_name, settings, message) => {
    expect((await register(sim, { content, settings })).message).toBe(message);
    expect(sim.documents()).toHaveLength(0);
  });

  test('the full settings object from PROTOCOLS.md is accepted and echoed by info', async () => {
    const settings = {
      private: false,
      signaturesLimit: 0,
      switchToPrivateAfterLimitReached: false,
      unique: ['iin', 'bin'],
      strictSignersRequirements: false,
      signersRequirements: [{ iin: 'IIN850515300125' }, { bin: 'BIN150440012344', authorities: ['1.2.398.3.3.4.1.2.5'], ca: 'nca' }],
      documentAccess: [{ iin: 'IIN900101400231' }],
    };
    const id = await registered(sim, { content, settings });
    expect((await info(id)).settings).toEqual(settings);
  });
});

describe('adding signatures and info', () => {
  test('info lists signatures after lastSignId; add returns a new signId', async () => {
    const id = await registered(sim, { content });
    const first = await info(id, 0);
    expect(first).toMatchObject({
      title: 'contract.pdf',
      description: 'contract.pdf',
      signedDataSize: content.length,
      signaturesTotal: 1,
      dataArchived: false,
      settings: {},
    });
    const s1 = first.signatures[0];
    expect(s1).toEqual({
      signId: expect.any(Number),
      userId: 'IIN850515300125',
      subject: expect.stringContaining('IIN850515300125'),
      issuer: expect.stringContaining('SIGEX Desktop TEST Root CA'),
      serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
      notBefore: Date.UTC(2024, 0, 1),
      notAfter: expect.any(Number),
      signAlgorithm: '1.2.840.113549.1.1.11',
      tsp: { genTime: expect.any(Number) },
      ocsp: { certStatus: 'good', producedAt: expect.any(Number) },
    });
    const added = await add(id, 'employee');
    expect(added).toEqual({ documentId: id, signId: expect.any(Number) });
    expect(added.signId).toBeGreaterThan(s1.signId);
    const after = await info(id, s1.signId);
    expect(after.signaturesTotal).toBe(2);
    expect(after.signatures).toHaveLength(1);
    expect(after.signatures[0]).toMatchObject({ signId: added.signId, userId: 'IIN900101400231', businessId: 'BIN150440012344' });
    expect((await info(id)).signatures).toHaveLength(2);
    expect((await getJson(`${sim.url}/api/${id}?lastSignId=abc`)).message).toBe('Invalid URL query parameter');
  });

  test('add: unknown document, digests not known yet, other bytes, expired, same CMS twice', async () => {
    expect((await add('AAAAAAAAAAAAAAAA', 'employee')).message).toBe('Document not found');
    const { documentId: id } = await register(sim, { content });
    expect((await add(id, 'employee')).message).toBe('Document digests are not known');
    await upload(sim, id, content);
    expect((await add(id, 'employee', Buffer.from('other'))).message).toBe('Signature does not correspond to the document');
    expect((await add(id, 'expired')).message).toBe('Signer certificate expired or not yet valid');
    const sig = await sign('employee', content);
    expect((await postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: sig })).signId).toBeDefined();
    expect((await postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: sig })).message).toBe(
      'This signature has already been submitted',
    );
    expect((await postJson(`${sim.url}/api/${id}`, { signType: 'cms' })).message).toBe('Invalid JSON request structure');
    expect(sim.document(id)?.signatures).toHaveLength(2);
  });

  test('unknown document info', async () => {
    expect(await info('AAAAAAAAAAAAAAAA')).toEqual({ message: 'Document not found', requestID: expect.any(Number) });
  });
});

describe('rules', () => {
  test('signaturesLimit', async () => {
    const id = await registered(sim, { content, settings: { signaturesLimit: 2 } });
    expect((await add(id, 'employee')).signId).toBeDefined();
    expect((await add(id, 'individual')).message).toBe('Document signatures limit reached');
    expect((await info(id)).signaturesTotal).toBe(2);
  });

  test('switchToPrivateAfterLimitReached', async () => {
    const id = await registered(sim, { content, settings: { signaturesLimit: 2, switchToPrivateAfterLimitReached: true } });
    expect((await info(id)).signaturesTotal).toBe(1);
    await add(id, 'employee');
    expect((await info(id)).message).toBe('Access denied');
    expect(sim.document(id)?.private).toBe(true);
  });

  test('private document: info and add are denied', async () => {
    const id = await registered(sim, { content, settings: { private: true } });
    expect((await info(id)).message).toBe('Access denied');
    expect((await add(id, 'employee')).message).toBe('Access denied');
  });

  test('unique iin: one signature per person', async () => {
    const id = await registered(sim, { content, settings: { unique: ['iin'] } });
    expect((await add(id, 'individual')).message).toBe('Signature does not conform to document settings requirements');
    expect((await add(id, 'employee')).signId).toBeDefined();
    const free = await registered(sim, { content: Buffer.from('no rules') });
    expect((await add(free, 'individual', Buffer.from('no rules'))).signId).toBeDefined();
  });

  test('unique bin: one representative per legal entity; people without a BIN are not limited', async () => {
    const id = await registered(sim, { content, settings: { unique: ['bin'] }, signer: 'employee' });
    expect((await add(id, 'employee')).message).toBe('Signature does not conform to document settings requirements');
    expect((await add(id, 'individual')).signId).toBeDefined();
    expect((await add(id, 'individual')).signId).toBeDefined();
  });

  test('signersRequirements: by IIN, by BIN + authority, by CA; first signature exempt unless strict', async () => {
    const byIin = await registered(sim, { content, settings: { signersRequirements: [{ iin: 'IIN900101400231' }] } });
    expect((await add(byIin, 'individual')).message).toBe('Signature does not conform to document settings requirements');
    expect((await add(byIin, 'employee')).signId).toBeDefined();

    const c2 = Buffer.from('second');
    const byRole = await registered(sim, {
      content: c2,
      settings: { signersRequirements: [{ bin: 'BIN150440012344', authorities: ['1.2.398.3.3.4.1.2.1'] }] },
    });
    expect((await add(byRole, 'employee', c2)).message).toBe('Signature does not conform to document settings requirements');

    const c3 = Buffer.from('third');
    const byEmployee = await registered(sim, {
      content: c3,
      settings: { signersRequirements: [{ bin: 'BIN150440012344', authorities: ['1.2.398.3.3.4.1.2.5'], ca: 'nca' }] },
    });
    expect((await add(byEmployee, 'employee', c3)).signId).toBeDefined();
    expect((await add(byEmployee, 'individual', c3)).message).toBe('Signature does not conform to document settings requirements');

    const c4 = Buffer.from('fourth');
    const anyNca = await registered(sim, { content: c4, settings: { signersRequirements: [{ ca: 'nca' }] } });
    expect((await add(anyNca, 'employee', c4)).signId).toBeDefined();
  });

  test('strictSignersRequirements applies to the first signature', async () => {
    const settings = { strictSignersRequirements: true, signersRequirements: [{ iin: 'IIN900101400231' }] };
    expect((await register(sim, { content, settings })).message).toBe('Signature does not conform to document settings requirements');
    expect(sim.documents()).toHaveLength(0);
    expect((await register(sim, { content, settings, signer: 'employee' })).documentId).toBeDefined();
  });
});
