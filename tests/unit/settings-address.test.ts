/**
 * The SIGEX address the renderer may set: the native confirmation shows it as typed, so what
 * it shows must be the host the app connects to (a second reader found user info and
 * look-alike letters passing).
 */
import { SettingsPatchSchema } from '../../src-shared/model';
import { SigexTransport } from '../../src-main/core/sigex/http';

const accepts = (sigexUrl: string) => SettingsPatchSchema.safeParse({ sigexUrl }).success;

test.each([
  ['user info that reads as sigex.kz', 'https://sigex.kz@evil.example'],
  ['user and password', 'https://user:pw@sigex.kz'],
  ['a Cyrillic look-alike letter (е U+0435)', 'https://sig\u0435x.kz'],
  ['a full-width dot', 'https://sigex\uff0ekz'],
  ['a path (requests would leave it out of what is confirmed)', 'https://sigex.kz/other'],
  ['plain http to another host', 'http://sigex.kz'],
  ['a query', 'https://sigex.kz?x=1'],
  ['a host starting with a dot', 'https://.sigex.kz'],
])('refuses %s', (_what, url) => {
  expect(accepts(url)).toBe(false);
});

test.each([
  'https://sigex.kz',
  'https://sigex.kz/',
  'https://test.sigex.kz:8443',
  'https://xn--sigx-x4d.kz',
  'http://127.0.0.1:4100',
  'http://localhost:8080/',
])('accepts %s, and the app connects to exactly that host', (url) => {
  expect(accepts(url)).toBe(true);
  const host = new URL(url).host;
  expect(new URL(new SigexTransport({ baseUrl: url, fetch: async () => new Response('{}') }).url('/api/version')).host).toBe(host);
  expect(url).toContain(host);
});
