import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Streebog, streebog512 } from '../../src-main/core/crypto/streebog';

/**
 * GOST R 34.11-2012 (GOST 34.11-2015), appendix A. The standard prints messages and digests as
 * numbers, most significant byte first; byte-oriented software (and CMS) uses the reverse.
 */
const printed = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex').reverse();

const M1 = printed(
  '323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130',
);
const M2 = printed(
  'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1',
);

describe.each([
  ['WebAssembly', 'auto'],
  ['JavaScript', 'js'],
] as const)('Streebog, %s g: the standard test vectors', (_label, engine) => {
  const streebog512 = (d: Uint8Array) => new Streebog(512, { engine }).update(d).digest();
  const streebog256 = (d: Uint8Array) => new Streebog(256, { engine }).update(d).digest();

  test('runs the engine asked for', () => {
    expect(new Streebog(512, { engine }).engine).toBe(engine === 'js' ? 'js' : 'wasm');
  });

  test('M1 is the 63 ASCII digits "0123...012" once read as bytes', () => {
    expect(M1.length).toBe(63);
    expect(M1.toString('latin1')).toBe('012345678901234567890123456789012345678901234567890123456789012');
  });

  test('M1, 512 bit', () => {
    expect(streebog512(M1)).toEqual(
      printed(
        '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b',
      ),
    );
  });

  test('M1, 256 bit', () => {
    expect(streebog256(M1)).toEqual(printed('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'));
  });

  test('M2 (72 bytes: two blocks), 512 bit', () => {
    expect(M2.length).toBe(72);
    expect(streebog512(M2)).toEqual(
      printed(
        '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e',
      ),
    );
  });

  test('M2, 256 bit', () => {
    expect(streebog256(M2)).toEqual(printed('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'));
  });

  test('empty input (byte order as software prints it)', () => {
    expect(streebog512(Buffer.alloc(0)).toString('hex')).toBe(
      '8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a',
    );
    expect(streebog256(Buffer.alloc(0)).toString('hex')).toBe('3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb');
  });
});

/**
 * A second, deliberately naive transcription of the standard's definitions, on numbers as the
 * standard writes them (BigInt, bit by bit, no tables), so lengths the appendix has no vector
 * for (exactly one block, several blocks) are checked against something independent of the
 * table-driven code.
 */
const reference = (() => {
  // The constants are the standard's data, read from the module's source (the appendix vectors
  // above vouch for them); everything built from them is transcribed again here.
  const src = fs.readFileSync(path.join(__dirname, '../../src-main/core/crypto/streebog-tables.ts'), 'utf8');
  const pi = Array.from(/const PI = Uint8Array\.from\(\[([\s\S]*?)\]\)/.exec(src)![1]!.matchAll(/\d+/g), (m) => Number(m[0]));
  const rows = Array.from(/const A_ROWS = \[([\s\S]*?)\];/.exec(src)![1]!.matchAll(/'([0-9a-f]{16})'/g), (m) => BigInt(`0x${m[1]}`));
  const cs = Array.from(/const C_PRINTED = \[([\s\S]*?)\];/.exec(src)![1]!.matchAll(/'([0-9a-f]{128})'/g), (m) => BigInt(`0x${m[1]}`));
  const MASK = (1n << 512n) - 1n;
  const byteOf = (a: bigint, i: number) => Number((a >> BigInt(8 * i)) & 0xffn);
  const S = (a: bigint) => {
    let r = 0n;
    for (let i = 0; i < 64; i++) r |= BigInt(pi[byteOf(a, i)]!) << BigInt(8 * i);
    return r;
  };
  const P = (a: bigint) => {
    // a = a63 || ... || a0; P(a) = a_tau(63) || ... || a_tau(0), tau(8i + j) = 8j + i
    let r = 0n;
    for (let k = 0; k < 64; k++) r |= BigInt(byteOf(a, 8 * (k % 8) + Math.floor(k / 8))) << BigInt(8 * k);
    return r;
  };
  const l = (b: bigint) => {
    let r = 0n;
    for (let i = 0; i < 64; i++) if ((b >> BigInt(63 - i)) & 1n) r ^= rows[i]!;
    return r;
  };
  const L = (a: bigint) => {
    let r = 0n;
    for (let i = 0; i < 8; i++) r |= l((a >> BigInt(64 * i)) & 0xffffffffffffffffn) << BigInt(64 * i);
    return r;
  };
  const LPS = (a: bigint) => L(P(S(a)));
  const E = (k: bigint, m: bigint) => {
    let state = k ^ m;
    for (let i = 0; i < 12; i++) {
      k = LPS(k ^ cs[i]!);
      state = LPS(state) ^ k;
    }
    return state;
  };
  const g = (n: bigint, h: bigint, m: bigint) => E(LPS(h ^ n), m) ^ h ^ m;
  return (message: Buffer, bits: 256 | 512): Buffer => {
    let M = message.length ? BigInt(`0x${Buffer.from(message).reverse().toString('hex')}`) : 0n;
    let len = message.length * 8;
    let h = bits === 512 ? 0n : BigInt(`0x${'01'.repeat(64)}`);
    let N = 0n;
    let sigma = 0n;
    while (len >= 512) {
      const m = M & MASK;
      h = g(N, h, m);
      N = (N + 512n) & MASK;
      sigma = (sigma + m) & MASK;
      M >>= 512n;
      len -= 512;
    }
    const m = M | (1n << BigInt(len));
    h = g(N, h, m);
    N = (N + BigInt(len)) & MASK;
    sigma = (sigma + m) & MASK;
    h = g(0n, h, N);
    h = g(0n, h, sigma);
    const out = bits === 512 ? h : h >> 256n;
    return Buffer.from(out.toString(16).padStart(bits / 4, '0'), 'hex').reverse();
  };
})();

describe('Streebog: against a naive transcription of the standard', () => {
  test('the transcription itself reproduces the appendix vectors', () => {
    expect(reference(M1, 512)).toEqual(streebog512(M1));
    expect(reference(M2, 256).toString('hex')).toBe(
      Buffer.from('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d', 'hex').reverse().toString('hex'),
    );
  });

  test.each([1, 63, 64, 65, 127, 128, 129, 200])('%i bytes, both sizes, both engines', (n) => {
    const data = Buffer.from(Array.from({ length: n }, (_, i) => (i * 151 + 7) & 255));
    for (const engine of ['auto', 'js'] as const) {
      expect(new Streebog(512, { engine }).update(data).digest()).toEqual(reference(data, 512));
      expect(new Streebog(256, { engine }).update(data).digest()).toEqual(reference(data, 256));
    }
  });

  test('WebAssembly and JavaScript agree on any input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(256, 512), (bytes, bits) => {
        const b = bits as 256 | 512;
        expect(new Streebog(b).update(bytes).digest()).toEqual(new Streebog(b, { engine: 'js' }).update(bytes).digest());
      }),
      { numRuns: 100 },
    );
  });
});

describe('Streebog: streaming', () => {
  const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 31 + 11) & 255));

  test('every two-part split of 300 bytes gives the one-shot digest', () => {
    const whole = streebog512(data);
    for (let cut = 0; cut <= data.length; cut++) {
      expect(new Streebog(512).update(data.subarray(0, cut)).update(data.subarray(cut)).digest()).toEqual(whole);
    }
  });

  test('any chunking, any length, both sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.constantFrom(256, 512),
        (bytes, cuts, bits) => {
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const h = new Streebog(bits as 256 | 512);
          let from = 0;
          for (const p of [...points, bytes.length]) {
            h.update(bytes.subarray(from, p));
            from = p;
          }
          expect(h.digest()).toEqual(new Streebog(bits as 256 | 512).update(bytes).digest());
        },
      ),
      { numRuns: 200 },
    );
  });

  test('4 MiB in 64 KiB + 1 byte chunks equals one update', () => {
    const big = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    const h = new Streebog(512);
    for (let i = 0; i < big.length; i += 65537) h.update(big.subarray(i, i + 65537));
    expect(h.digest()).toEqual(streebog512(big));
  });

  test('a finished hasher refuses more input', () => {
    const h = new Streebog(256);
    h.digest();
    expect(() => h.update(Buffer.from('x'))).toThrow(/after digest/);
    expect(() => h.digest()).toThrow(/twice/);
  });
});

describe('Streebog: WebAssembly unavailable for one hasher', () => {
  test('an instance that cannot be made (no memory for it) falls back to the JavaScript g: same digest, never an error', () => {
    // V8 refuses a new instance when it cannot reserve its memory (a 32-bit process, an address-
    // space limit). The GOST byte check then reported the file itself as unreadable.
    const spy = jest.spyOn(WebAssembly, 'Instance').mockImplementation(() => {
      throw new RangeError('WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance');
    });
    try {
      const h = new Streebog(512);
      expect(h.engine).toBe('js');
      expect(h.update(M1).digest()).toEqual(new Streebog(512, { engine: 'js' }).update(M1).digest());
    } finally {
      spy.mockRestore();
    }
    expect(new Streebog(256).engine).toBe('wasm');
  });
});
