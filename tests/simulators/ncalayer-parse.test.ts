import { createHash, randomBytes } from 'node:crypto';
import {
  Base64ChunkDecoder,
  decodeDocument,
  InvalidBase64Error,
  JsonScanError,
  parseJsonBuffer,
  RawString,
  rawStringPieces,
  type JsonLike,
} from './ncalayer-sim-parse';

/** Turns RawStrings back into strings, to compare with JSON.parse. */
function materialise(v: JsonLike, chunk: number): unknown {
  if (v instanceof RawString) return [...rawStringPieces(v, chunk)].join('');
  if (Array.isArray(v)) return v.map((x) => materialise(x, chunk));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialise(x, chunk)]));
  return v;
}

const samples: unknown[] = [
  {
    module: 'kz.gov.pki.knca.basics',
    method: 'sign',
    args: { allowedStorages: null, data: ['QUJD', 'REVG'], n: -1.5e3, t: true, f: false },
  },
  { s: 'кириллица «ёлка» and emoji 😀😀 and escapes \\ " / \n\r\t \u0001 \u2028' },
  [1, [2, [3, { a: [] }]], {}, '', 0],
  { '/': 'a/b/c', long: 'x'.repeat(5000) + '\\"' + 'й'.repeat(3000) + '😀'.repeat(500) },
];

test.each(samples.map((s, i) => [i, s]))('parseJsonBuffer matches JSON.parse (sample %i), big strings kept as RawString', (_i, sample) => {
  const text = JSON.stringify(sample, null, 1);
  const buf = Buffer.from(text);
  const expected = JSON.stringify(JSON.parse(text));
  expect(JSON.stringify(parseJsonBuffer(buf)) === expected).toBe(true);
  for (const chunk of [1, 2, 5, 7, 13, 64, 1000]) {
    // compared as text: a failing diff of these strings would flood the log
    expect({ chunk, same: JSON.stringify(materialise(parseJsonBuffer(buf, 4), chunk)) === expected }).toEqual({ chunk, same: true });
  }
});

test('Java-style escaped slashes and surrogate pairs survive every chunk boundary', () => {
  const raw = Buffer.from('"ab\\/cd\\ud83d\\ude00e\\u00e9\\\\\\"z\\/\\/\\/"');
  const expected = JSON.parse(raw.toString()) as string;
  const r = parseJsonBuffer(raw, 0);
  expect(r).toBeInstanceOf(RawString);
  for (let chunk = 1; chunk < raw.length + 2; chunk++) {
    expect([...rawStringPieces(r as RawString, chunk)].join('')).toBe(expected);
  }
});

test('__proto__ keys are plain data', () => {
  const v = parseJsonBuffer(Buffer.from('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
  expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  expect(Object.keys(v)).toEqual(['__proto__']);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

test.each(['{"a":', '{"a":1} x', '{"a":tru}', '"unterminated', '[1,]', '{a:1}', '01', '['.repeat(100) + ']'.repeat(100), ''])(
  'malformed %j throws JsonScanError or SyntaxError',
  (text) => {
    expect(() => parseJsonBuffer(Buffer.from(text))).toThrow();
    try {
      parseJsonBuffer(Buffer.from(text));
    } catch (e) {
      expect(e instanceof JsonScanError || e instanceof SyntaxError).toBe(true);
    }
  },
);

describe('Base64ChunkDecoder', () => {
  const bytes = randomBytes(10_001);
  const b64 = bytes.toString('base64');

  test('any split, with MIME line breaks, decodes to the original bytes', () => {
    const mime = b64.replace(/(.{76})/g, '$1\r\n');
    for (const step of [1, 3, 4, 5, 77, 1024, mime.length]) {
      const parts: Buffer[] = [];
      const d = new Base64ChunkDecoder((b) => parts.push(b));
      for (let i = 0; i < mime.length; i += step) d.push(mime.slice(i, i + step));
      d.end();
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    }
  });

  test.each([['AB$D'], ['QQ==QQ=='], ['QUJDR']])('rejects %j', (bad) => {
    const d = new Base64ChunkDecoder(() => undefined);
    expect(() => {
      d.push(bad);
      d.end();
    }).toThrow(InvalidBase64Error);
  });
});

test('decodeDocument hashes a RawString chunk by chunk and keeps bytes only under the limit', () => {
  const content = randomBytes(300_000);
  const escaped = content.toString('base64').replace(/\//g, '\\/'); // how some Java JSON writers send base64
  const buf = Buffer.from(`{"data":"${escaped}"}`);
  const data = (parseJsonBuffer(buf, 1024) as { data: JsonLike }).data as RawString;
  expect(data.hasEscapes).toBe(true);
  const doc = decodeDocument(data, { decode: true, keep: true, keepLimit: 1_000_000 });
  expect(doc.size).toBe(content.length);
  expect(doc.sha256.equals(createHash('sha256').update(content).digest())).toBe(true);
  expect(doc.bytes?.equals(content)).toBe(true);
  expect(decodeDocument(data, { decode: true, keep: true, keepLimit: 1000 }).bytes).toBeUndefined();
  const text = decodeDocument('текст', { decode: false, keep: true });
  expect(text.bytes?.toString()).toBe('текст');
});
