/** app://sigex: which URLs serve a renderer file, which frames count as ours, which permissions. */
import * as path from 'node:path';
import { APP_ORIGIN, permissionAllowed, rendererFileFor } from '../../src-main/app-protocol';
import { appSenderCheck } from '../../src-main/ipc/guard';

const ROOT = path.resolve('/opt/sigex/dist/renderer');

describe('rendererFileFor', () => {
  test.each([
    ['app://sigex/', 'index.html'],
    ['app://sigex/index.html', 'index.html'],
    ['app://sigex/assets/index-1.js', path.join('assets', 'index-1.js')],
    ['app://sigex/assets/..hidden.js', path.join('assets', '..hidden.js')],
    ['app://sigex/assets/%D0%B0.svg', path.join('assets', 'а.svg')],
    // The URL parser removes dot segments, encoded or not: what is left stays in the folder.
    ['app://sigex/%2e%2e/%2E%2E/secret.txt', 'secret.txt'],
    ['app://sigex/assets/../index.html', 'index.html'],
  ])('%s serves %s from the renderer folder', (url, rel) => {
    expect(rendererFileFor(url, ROOT)).toBe(path.join(ROOT, rel));
  });

  test.each([
    ['another host', 'app://evil/index.html'],
    ['a port on our host', 'app://sigex:1/index.html'],
    ['a trailing-dot host', 'app://sigex./index.html'],
    ['user info before the host', 'app://x@sigex/index.html'],
    ['another scheme', 'file:///opt/sigex/dist/renderer/index.html'],
    ['an encoded separator and parent step', 'app://sigex/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://sigex/..%5csecret.txt'],
    ['a NUL byte', 'app://sigex/index.html%00.png'],
    ['a broken escape', 'app://sigex/%E0%A4%A'],
    ['not a URL', 'sigex index'],
  ])('refuses %s', (_name, url) => {
    expect(rendererFileFor(url, ROOT)).toBeNull();
  });
});

describe('the IPC guard and permissions for app://sigex', () => {
  const check = appSenderCheck([APP_ORIGIN]);
  test.each([
    ['app://sigex/index.html', true],
    ['app://sigex/', true],
    ['app://sigex:1/index.html', false],
    ['app://sigex./index.html', false],
    ['app://sigex.evil/index.html', false],
    ['app://evil/index.html', false],
    ['file:///opt/sigex/dist/renderer/index.html', false],
  ])('a frame at %s is ours: %s', (url, ours) => {
    expect(check({ url, isAppFrame: true })).toBe(ours);
  });

  test.each([
    ['clipboard-sanitized-write', 'app://sigex/index.html', true],
    ['clipboard-sanitized-write', 'app://sigex', true],
    ['clipboard-sanitized-write', 'app://sigex:1/index.html', false],
    ['clipboard-sanitized-write', 'app://sigex.evil/index.html', false],
    ['clipboard-sanitized-write', undefined, false],
    ['clipboard-read', 'app://sigex/index.html', false],
    ['media', 'app://sigex/index.html', false],
    ['geolocation', 'app://sigex/index.html', false],
  ])('%s for %s: %s', (permission, url, allowed) => {
    expect(permissionAllowed(permission, url)).toBe(allowed);
  });
});
