/** Where a SIGEX path or a handed-out address may point: never off SIGEX's own origin. */
import { SigexTransport } from '../../src-main/core/sigex/http';

const t = new SigexTransport({ baseUrl: 'https://sigex.example/', fetch: async () => new Response('{}') });
const origin = (u: string) => new URL(t.url(u)).origin;

test.each(['/api', '//evil.example/api', '/api@evil.example/x', '/../../api', '/%2F%2Fevil.example'])(
  'the path %s stays on the SIGEX origin',
  (p) => {
    expect(origin(p)).toBe('https://sigex.example');
  },
);

test('a base with a path keeps it (a SIGEX behind a reverse proxy path)', () => {
  const proxied = new SigexTransport({ baseUrl: 'https://gw.example/sigex/', fetch: async () => new Response('{}') });
  expect(proxied.url('/api/1/data')).toBe('https://gw.example/sigex/api/1/data');
});

test.each([
  ['an absolute address on SIGEX', 'https://sigex.example/api/egovQr/abc', true],
  ['another host', 'https://evil.example/api/egovQr/abc', false],
  ['a look-alike host', 'https://sigex.example.evil.example/x', false],
  ['user info that hides another host', 'https://sigex.example@evil.example/x', false],
  ['another port', 'https://sigex.example:8443/x', false],
  ['plain http', 'http://sigex.example/x', false],
])('%s: accepted %s', (_name, url, ok) => {
  if (ok) expect(t.url(url)).toBe(url);
  else expect(() => t.url(url)).toThrow(/another server/);
});

test('anything that is neither a path nor an http(s) address is refused', () => {
  expect(() => t.url('api/version')).toThrow(/Not a SIGEX path/);
  expect(() => t.url('javascript:alert(1)')).toThrow(/Not a SIGEX path/);
});
