import fc from 'fast-check';
import { buildSigexName, detectSigexId, isSigexId, splitExtension, stripSigexId } from '../../src-main/core/sigex-id';

const ID = 'lQsqLBaS4nQAIIMm';

describe('SIGEX id in file names', () => {
  test.each([
    ['report.pdf', 'report-SigexIdlQsqLBaS4nQAIIMm.pdf'],
    ['report.v2.pdf', 'report.v2-SigexIdlQsqLBaS4nQAIIMm.pdf'],
    ['README', 'README-SigexIdlQsqLBaS4nQAIIMm'],
    ['Договор поставки №5.docx', 'Договор поставки №5-SigexIdlQsqLBaS4nQAIIMm.docx'],
    ['.profile', '.profile-SigexIdlQsqLBaS4nQAIIMm'],
    ['archive.tar.gz', 'archive.tar-SigexIdlQsqLBaS4nQAIIMm.gz'],
  ])('%s -> %s', (name, signed) => {
    expect(buildSigexName(name, ID)).toBe(signed);
    expect(detectSigexId(signed)).toBe(ID);
    expect(stripSigexId(signed)).toBe(name);
  });

  test('detection rules of PROTOCOLS.md', () => {
    expect(detectSigexId('a-SigexIdABC123.pdf')).toBe('ABC123');
    expect(detectSigexId('a-SigexIdABC123')).toBe('ABC123');
    expect(detectSigexId('a-SigexIdABC123.v2.pdf')).toBe('ABC123');
    expect(detectSigexId('a-SigexId.pdf')).toBeNull();
    expect(detectSigexId('a-SigexIdAB_C.pdf')).toBeNull();
    expect(detectSigexId('a-Sigexid123.pdf')).toBeNull();
    expect(detectSigexId('plain.pdf')).toBeNull();
  });

  test('a copy name with a collision suffix still carries the id', () => {
    const n = buildSigexName('report.pdf', ID, ' (2)');
    expect(n).toBe('report (2)-SigexIdlQsqLBaS4nQAIIMm.pdf');
    expect(detectSigexId(n)).toBe(ID);
  });

  test('building refuses anything that is not an id', () => {
    expect(() => buildSigexName('a.pdf', 'ab/../c')).toThrow();
    expect(() => buildSigexName('a.pdf', '')).toThrow();
  });

  // Names a Windows user can have: no \ / : * ? " < > | and no control characters.
  const windowsChar = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
    .filter((c) => !/[\\/:*?"<>|]/.test(c) && c.codePointAt(0)! >= 0x20);
  // Windows also refuses names that end with a dot or a space.
  const windowsName = fc
    .array(windowsChar, { minLength: 1, maxLength: 60 })
    .map((cs) => cs.join(''))
    .filter((n) => !/[. ]$/.test(n));
  const sigexId = fc.stringMatching(/^[A-Za-z0-9]{1,24}$/);

  test('property: build -> detect gives the id back and strip gives the name back', () => {
    fc.assert(
      fc.property(
        windowsName.filter((n) => detectSigexId(n) === null),
        sigexId,
        (name, id) => {
          const signed = buildSigexName(name, id);
          expect(detectSigexId(signed)).toBe(id);
          expect(stripSigexId(signed)).toBe(name);
          expect(splitExtension(signed).ext).toBe(splitExtension(name).ext);
          expect(/[\\/:*?"<>|]/.test(signed)).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('property: detect never returns something that is not an id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const id = detectSigexId(s);
        expect(id === null || isSigexId(id)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
