/**
 * RequestScanner (a request read as its frames arrive) against parseJsonBuffer over the whole
 * message: the same plan (answer, logged documents, errors with their byte offsets) whatever
 * the pieces, with sizes small enough that every string is "big" and every cut awkward.
 */
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_MODE, planParsed, planRequest, signsWithStreebog, type NcaLayerSimMode, type Plan } from './ncalayer-sim-ops';
import { Base64ChunkDecoder, BigString, parseJsonBuffer, type DecodeOptions, type JsonLike, type ScanTuning } from './ncalayer-sim-parse';
import { readingsFor } from './ncalayer-sim-readings';
import { RequestScanner, type ReadingsFor } from './ncalayer-sim-scan';
import { basicsSignTemplate } from '../../src-main/core/ncalayer/protocol';
import { DATA_MARK } from '../../src-main/core/ncalayer/request-stream';

const mode = (o: Partial<NcaLayerSimMode> = {}): NcaLayerSimMode => ({ ...DEFAULT_MODE, ...o });
const hintsFor = (m: NcaLayerSimMode): ReadingsFor => readingsFor({ gost: signsWithStreebog(m.signer), keepLimit: m.maxEncapsulateBytes });

/** Feeds message to a scanner cut at `cuts`; each piece is scribbled over once pushed (the scanner must not keep it). */
function scan(message: Buffer, cuts: number[], tuning: ScanTuning, hints: ReadingsFor): RequestScanner {
  const scanner = new RequestScanner(hints, tuning);
  let at = 0;
  for (const cut of [...cuts.filter((c) => c <= message.length).sort((a, b) => a - b), message.length]) {
    const piece = Buffer.from(message.subarray(at, cut));
    scanner.push(piece);
    piece.fill(0x22);
    at = cut;
  }
  return scanner;
}

/** A plan as comparable data (the log's time left out). */
function outcome(plan: () => Plan): unknown {
  try {
    const p = plan();
    const log = p.kind === 'reply' ? p.log : p.op.log;
    return { kind: p.kind, response: p.kind === 'reply' ? p.response : undefined, log: log && { ...log, at: undefined } };
  } catch (e) {
    return { thrown: String(e) };
  }
}

const streamedPlan = (message: Buffer, cuts: number[], tuning: ScanTuning, m: NcaLayerSimMode) => {
  const scanner = scan(message, cuts, tuning, hintsFor(m));
  return outcome(() => planParsed(() => scanner.parse(), m));
};
const wholePlan = (message: Buffer, tuning: ScanTuning, m: NcaLayerSimMode) => outcome(() => planRequest(message, m, tuning));

// ---------------------------------------------------------------------------------- generators

const base64Data = fc.uint8Array({ maxLength: 45 }).map((b) => Buffer.from(b).toString('base64'));
/** Parts of strings as they come in data: base64 (clean, Java-escaped slashes, MIME line breaks), any text, broken base64. */
const dataPart = fc.oneof(
  base64Data,
  base64Data.map((s) => s.replace(/\//g, '\\/')),
  base64Data.map((s) => s.replace(/(.{8})/g, '$1\\r\\n')),
  fc.string({ unit: 'binary', maxLength: 24 }).map((s) => JSON.stringify(s).slice(1, -1)),
  fc
    .tuple(base64Data, fc.constantFrom('$', '=', 'A=A', ' ', '\\u00e9', '\\ud83d\\ude00', 'й', '\t', '\\x', '\\"', '\\\\', '-', '_'))
    .map(([s, bad]) => s + bad),
);
/** One to three parts: a raw control character in one piece and an escape in a later one, and so on. */
const dataString = fc.array(dataPart, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
const flagValue = fc.constantFrom<unknown>(true, false, 'true', 'false', null, 1);
const signingParams = fc.record(
  { decode: flagValue, encapsulate: flagValue, digested: flagValue, tsaProfile: fc.constant({}) },
  { requiredKeys: [] },
);

/** Key/value pairs in any order, written as raw JSON (so a data string can carry raw escapes). */
function objectText(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const dataText = fc.oneof(
  dataString.map((s) => `"${s}"`),
  fc.array(dataString, { maxLength: 3 }).map((a) => `[${a.map((s) => `"${s}"`).join(', ')}]`),
);

const basicsRequest = fc
  .tuple(dataText, fc.option(signingParams, { nil: undefined }), fc.constantFrom('cms', 'cms', 'cms', 'xml'))
  .chain(([data, sp, format]) => {
    const args: [string, string][] = [
      ['allowedStorages', 'null'],
      ['format', JSON.stringify(format)],
      ['data', data],
      ...(sp ? [['signingParams', JSON.stringify(sp)] as [string, string]] : []),
      ['locale', '"ru"'],
    ];
    const top: [string, string][] = [
      ['module', '"kz.gov.pki.knca.basics"'],
      ['method', '"sign"'],
    ];
    return fc
      .tuple(fc.shuffledSubarray(args, { minLength: args.length }), fc.shuffledSubarray(top, { minLength: 2 }), fc.boolean())
      .map(([a, t, argsFirst]) => objectText(argsFirst ? [['args', objectText(a)], ...t] : [...t, ['args', objectText(a)]]));
  });

const commonRequest = fc
  .tuple(fc.constantFrom('createCAdESFromBase64', 'createCAdESFromBase64Hash', 'getActiveTokens'), dataString, flagValue)
  .map(
    ([method, data, attach]) =>
      `{"module":"kz.gov.pki.knca.commonUtils","method":"${method}","args":["PKCS12","SIGNATURE","${data}",${JSON.stringify(attach)}],"uuid":"u-1"}`,
  );

/** A request, sometimes broken: a byte dropped, one inserted, or the end cut off. */
const message = fc
  .tuple(
    fc.oneof(basicsRequest, commonRequest),
    fc.option(fc.tuple(fc.constantFrom('drop', 'insert', 'truncate'), fc.nat(), fc.constantFrom(...'"\\{}[],:x \u00ff')), { freq: 4 }),
  )
  .map(([text, mutation]) => {
    const b = Buffer.from(text);
    if (!mutation) return b;
    const [kind, n, c] = mutation;
    const at = n % (b.length + 1);
    if (kind === 'drop') return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    if (kind === 'truncate') return b.subarray(0, at);
    return Buffer.concat([b.subarray(0, at), Buffer.from(c, 'latin1'), b.subarray(at)]);
  });

/** A message and where to cut it into pieces. */
const withCuts = message.chain((msg) => fc.tuple(fc.constant(msg), fc.array(fc.nat({ max: msg.length }), { maxLength: 12 })));

const tuning = fc.record({
  // mostly long enough for the module names (27 bytes) to stay strings, sometimes not
  bigStringBytes: fc.oneof({ arbitrary: fc.integer({ min: 27, max: 44 }), weight: 9 }, fc.integer({ min: 0, max: 26 })),
  chunkBytes: fc.integer({ min: 1, max: 24 }),
  // mostly long enough for the keys used here ("allowedStorages"), sometimes not
  maxKeyBytes: fc.oneof({ arbitrary: fc.integer({ min: 15, max: 16 }), weight: 9 }, fc.integer({ min: 0, max: 14 })),
});
const simMode = fc
  .record({ signer: fc.constantFrom('individual' as const, 'gost' as const), maxEncapsulateBytes: fc.integer({ min: 0, max: 40 }) })
  .map(mode);

// ---------------------------------------------------------------------------------- properties

test('any request in any pieces gets the plan parseJsonBuffer gives for the whole message', () => {
  fc.assert(
    fc.property(withCuts, tuning, simMode, ([msg, cuts], t, m) => {
      expect(streamedPlan(msg, cuts, t, m)).toEqual(wholePlan(msg, t, m));
    }),
    { numRuns: 2000 },
  );
});

/** Every reading of every big string, with its error if it has one. */
function readings(v: JsonLike): unknown {
  if (v instanceof BigString) {
    return [true, false].map((decode) => {
      const o: DecodeOptions = { decode, keep: true, keepLimit: 30, streebog: true };
      try {
        const d = v.decoded(o);
        return { ...d, sha256: d.sha256.toString('hex'), streebog512: d.streebog512?.toString('hex'), bytes: d.bytes?.toString('hex') };
      } catch (e) {
        return String(e);
      }
    });
  }
  if (Array.isArray(v)) return v.map(readings);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readings(x)]));
  return v;
}

test('every reading of a streamed string (size, SHA-256, Streebog-512, kept bytes, error) is the RawString one', () => {
  const everything: ReadingsFor = () => ({ base64: true, text: true, keep: true, streebog: true, keepLimit: 30 });
  fc.assert(
    fc.property(withCuts, tuning, (msg_cuts, t) => {
      const [msg, cuts] = msg_cuts;
      let whole: unknown;
      try {
        whole = readings(parseJsonBuffer(msg, t.bigStringBytes, t));
      } catch (e) {
        whole = String(e);
      }
      let streamed: unknown;
      try {
        streamed = readings(scan(msg, cuts, t, everything).parse());
      } catch (e) {
        streamed = String(e);
      }
      expect(streamed).toEqual(whole);
    }),
    { numRuns: 700 },
  );
});

test('a 256 KiB request fed one byte at a time: the same documents as the whole message', () => {
  const docs = [randomBytes(100_000), randomBytes(90_001)];
  const data = docs.map((d) =>
    d
      .toString('base64')
      .replace(/(.{76})/g, '$1\\r\\n')
      .replace(/\//g, '\\/'),
  );
  const msg = Buffer.from(
    `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"data":["${data.join('","')}"],` +
      `"signingParams":{"decode":true,"encapsulate":false},"note":"кириллица \\ud83d\\ude00"}}`,
  );
  const t: ScanTuning = { bigStringBytes: 1024, chunkBytes: 4096, maxKeyBytes: 64 };
  const m = mode();
  const streamed = streamedPlan(
    msg,
    Array.from({ length: msg.length }, (_, i) => i),
    t,
    m,
  );
  expect(streamed).toEqual(wholePlan(msg, t, m));
  expect((streamed as { log: { documents: unknown } }).log.documents).toEqual(
    docs.map((d) => ({ size: d.length, sha256: createHash('sha256').update(d).digest('hex') })),
  );
});

test.each([
  ['inside an escaped quote', '\\"', 1],
  ['inside an escaped backslash before the closing quote', '\\\\"', 1],
  ['inside a \\u escape', '\\u00e9', 3],
  ['inside a surrogate pair', '\\ud83d\\ude00', 7],
  ['inside a UTF-8 sequence', 'ё', 1],
  ['inside a base64 quantum', 'QUJD', 2],
  ['inside a key', '"signingParams"', 6],
])('a piece boundary %s: the same document and plan', (_name, needle, offset) => {
  const data = 'QUJD\\"\\/x\\u00e9\\ud83d\\ude00ёQUJD\\\\';
  const msg = Buffer.from(
    `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"data":"${data}","signingParams":{"decode":false,"encapsulate":false}}}`,
  );
  const at = msg.indexOf(needle) + offset;
  const text = Buffer.from(JSON.parse(`"${data}"`) as string);
  for (const t of [
    // module names (22 bytes) stay strings, the data (36) streams
    { bigStringBytes: 22, chunkBytes: 3, maxKeyBytes: 16 },
    { bigStringBytes: 22, chunkBytes: 1, maxKeyBytes: 13 },
    { bigStringBytes: 30, chunkBytes: 64, maxKeyBytes: 16 },
  ]) {
    const streamed = streamedPlan(msg, [at], t, mode());
    expect(streamed).toEqual(wholePlan(msg, t, mode()));
    expect((streamed as { log: { documents: unknown } }).log.documents).toEqual([
      { size: text.length, sha256: createHash('sha256').update(text).digest('hex') },
    ]);
  }
});

test('Base64ChunkDecoder told a piece is ASCII: the same bytes, errors and carry as without the hint', () => {
  const decodeAll = (pieces: string[], ascii: boolean) => {
    const out: Buffer[] = [];
    const d = new Base64ChunkDecoder((b) => out.push(b));
    try {
      for (const p of pieces) d.push(p, ascii);
      d.end();
      return Buffer.concat(out).toString('hex');
    } catch (e) {
      return String(e);
    }
  };
  const piece = fc.string({ unit: fc.constantFrom(...'ABCxyz019+/=-_ \r\n$.'.split(''), 'QUJD', 'AAAA'), maxLength: 24 });
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
      expect(decodeAll(pieces, true)).toBe(decodeAll(pieces, false));
    }),
    { numRuns: 3000 },
  );
});

test("what a streamed string computes: only the app's reading when the flags come first (its order), every reading when they come later", () => {
  const t: ScanTuning = { bigStringBytes: 64, chunkBytes: 16, maxKeyBytes: 16 };
  const b64 = randomBytes(300).toString('base64');
  const readingsOf = (text: string, m = mode()) => {
    const req = scan(Buffer.from(text), [7, 100, 333], t, hintsFor(m)).parse() as { args: { data: unknown } | unknown[] };
    const data = Array.isArray(req.args) ? req.args[2] : req.args.data;
    return (data as { readings: unknown }).readings;
  };
  // the request exactly as the app builds it (basicsSignTemplate + the streamed data)
  const app = JSON.stringify(basicsSignTemplate(1, DATA_MARK, { locale: 'ru' })).replace(JSON.stringify(DATA_MARK), `"${b64}"`);
  expect(app.indexOf('"data"')).toBeGreaterThan(app.indexOf('"signingParams"'));
  const base64Only = { base64: true, text: false, keep: false, streebog: false, keepLimit: DEFAULT_MODE.maxEncapsulateBytes };
  expect(readingsOf(app)).toEqual(base64Only);
  expect(readingsOf(app, mode({ signer: 'gost' }))).toEqual({ ...base64Only, streebog: true });
  const dataFirst = `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"data":"${b64}","signingParams":{"decode":true,"encapsulate":false}}}`;
  expect(readingsOf(dataFirst)).toEqual({ ...base64Only, text: true, keep: true });
  const hashed = `{"module":"kz.gov.pki.knca.commonUtils","method":"createCAdESFromBase64Hash","args":["PKCS12","SIGNATURE","${b64}",false]}`;
  expect(readingsOf(hashed, mode({ signer: 'gost' }))).toEqual({ ...base64Only, keep: true });
});
