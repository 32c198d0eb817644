/**
 * The web host carries the same contract as Electron's IPC, and refuses what a foreign page
 * or a crafted request could try: other origins, path traversal, bad upload names.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../../src-main/core/compose';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';

let root: string;
let host: WebHost;

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-webhost-'));
  const rendererDir = path.join(root, 'renderer');
  await fsp.mkdir(rendererDir);
  await fsp.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await fsp.writeFile(path.join(root, 'secret.txt'), 'not for the browser');
  const core = await createCore({ dataDir: path.join(root, 'data'), env: {}, systemLanguage: 'ru' });
  host = await startWebHost({ core, rendererDir, workDir: path.join(root, 'work'), version: 'test' });
});
afterEach(async () => {
  await host.stop();
  await fsp.rm(root, { recursive: true, force: true });
});

const origin = () => new URL(host.url).origin;

function call(ws: WebSocket, channel: string, args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { kind: string } }> {
  return new Promise((resolve) => {
    const id = Math.random();
    ws.on('message', function onMessage(data) {
      const msg = JSON.parse(String(data)) as { id: number; outcome: never };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.outcome);
      }
    });
    ws.send(JSON.stringify({ id, channel, args }));
  });
}

function open(o: string | undefined): Promise<WebSocket> {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}ipc`, o ? { origin: o } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

test('serves the renderer with a strict CSP, and nothing outside it', async () => {
  const res = await fetch(host.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  for (const p of ['../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt']) {
    const r = await fetch(`${host.url}${p}`);
    expect(r.status).toBe(404);
  }
});

test('the same contract over the WebSocket: valid calls work, invalid ones are refused', async () => {
  const ws = await open(origin());
  const info = await call(ws, 'app:info', []);
  expect(info).toMatchObject({ ok: true, value: { host: 'web', version: 'test' } });
  const bad = await call(ws, 'settings:update', [{ copyFolder: '/etc' }]);
  expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  const unknown = await call(ws, 'fs:read', ['/etc/passwd']);
  expect(unknown.ok).toBe(false);
  ws.close();
});

test('files:addDropped takes only files inside the upload folder: not other files, not through .. or a link', async () => {
  const work = path.join(root, 'work');
  await fsp.mkdir(path.join(work, 'upload-1'), { recursive: true });
  const inside = path.join(work, 'upload-1', 'a.pdf');
  await fsp.writeFile(inside, 'mine');
  await fsp.symlink(path.join(root, 'secret.txt'), path.join(work, 'upload-1', 'link.pdf'));
  const ws = await open(origin());
  expect(await call(ws, 'files:addDropped', [[inside]])).toMatchObject({ ok: true, value: [{ name: 'a.pdf', size: 4 }] });
  for (const p of [
    path.join(root, 'secret.txt'),
    path.join(work, '..', 'secret.txt'),
    path.join(work, 'upload-1', 'link.pdf'),
    '/etc/passwd',
    'a.pdf',
  ]) {
    expect(await call(ws, 'files:addDropped', [[p]])).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  }
  // one bad path refuses the whole call: nothing was registered from it
  expect(await call(ws, 'files:addDropped', [[inside, '/etc/passwd']])).toMatchObject({ ok: false });
  ws.close();
});

test("changing the SIGEX or NCALayer address needs the host's confirmation; refused, nothing changes", async () => {
  await host.stop();
  const answers = [false, true];
  const core = await createCore({ dataDir: path.join(root, 'data2'), env: {}, systemLanguage: 'ru' });
  host = await startWebHost({
    core,
    rendererDir: path.join(root, 'renderer'),
    workDir: path.join(root, 'work'),
    version: 'test',
    confirmAddressChange: async () => answers.shift() ?? false,
  });
  const ws = await open(origin());
  // other fields need no question
  expect(await call(ws, 'settings:update', [{ language: 'kk' }])).toMatchObject({ ok: true });
  expect(host.addressQuestions).toEqual([]);
  // refused: the stored address stays, the caller learns it was not confirmed
  expect(await call(ws, 'settings:update', [{ sigexUrl: 'https://sigex.example.org', language: 'en' }])).toMatchObject({
    ok: false,
    error: { kind: 'cancelled' },
  });
  expect(host.addressQuestions).toEqual([[{ field: 'sigexUrl', from: 'https://sigex.kz', to: 'https://sigex.example.org' }]]);
  expect(core.settings.view()).toMatchObject({ sigexUrl: 'https://sigex.kz', language: 'kk' });
  // refused once, not asked again this session (no dialog fatigue)
  expect(await call(ws, 'settings:update', [{ sigexUrl: 'https://sigex.example.org' }])).toMatchObject({
    ok: false,
    error: { kind: 'cancelled', params: { reason: 'refused-before' } },
  });
  expect(host.addressQuestions).toHaveLength(1);
  // confirmed: changed
  expect(await call(ws, 'settings:update', [{ sigexUrl: 'https://test.sigex.example.org' }])).toMatchObject({ ok: true });
  expect(core.settings.view().sigexUrl).toBe('https://test.sigex.example.org');
  // the same address again is not a change: no question
  expect(await call(ws, 'settings:update', [{ sigexUrl: 'https://test.sigex.example.org' }])).toMatchObject({ ok: true });
  expect(host.addressQuestions).toHaveLength(2);
  ws.close();
  await core.close();
});

test("new e-mail recipients are put to the host's stand-in for the native dialog; refused, the signing does not start", async () => {
  await host.stop();
  const core = await createCore({ dataDir: path.join(root, 'data3'), env: {}, systemLanguage: 'ru' });
  host = await startWebHost({
    core,
    rendererDir: path.join(root, 'renderer'),
    workDir: path.join(root, 'work'),
    version: 'test',
    confirmRecipients: async () => false,
  });
  await fsp.mkdir(path.join(root, 'work'), { recursive: true });
  const file = path.join(root, 'work', 'a.pdf');
  await fsp.writeFile(file, 'doc');
  const { handle } = await core.files.add(file);
  const ws = await open(origin());
  const options = { emails: ['attacker@evil.example'], settings: core.settings.view().defaultOptions.settings };
  expect(await call(ws, 'sign:start', [{ handles: [handle], method: 'ncalayer', options }])).toMatchObject({
    ok: false,
    error: { kind: 'recipients-not-confirmed' },
  });
  expect(host.recipientQuestions).toEqual([['attacker@evil.example']]);
  ws.close();
  await core.close();
});

test('a page from another origin cannot connect', async () => {
  const ws = await open('http://evil.example');
  const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
  expect(code).toBe(1008);
});

test('uploads: kept under the work directory with their name; foreign origins and bad names refused', async () => {
  const ok = await fetch(`${host.url}upload?name=${encodeURIComponent('Акт сверки.pdf')}`, {
    method: 'POST',
    headers: { Origin: origin() },
    body: 'abc',
  });
  const entry = (await ok.json()) as { ok: boolean; value: { name: string; size: number } };
  expect(entry).toMatchObject({ ok: true, value: { name: 'Акт сверки.pdf', size: 3 } });
  for (const name of ['../escape.pdf', 'a/b.pdf', '..', '']) {
    const r = await fetch(`${host.url}upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { Origin: origin() },
      body: 'x',
    });
    expect(((await r.json()) as { ok: boolean }).ok).toBe(false);
  }
  const foreign = await fetch(`${host.url}upload?name=x.pdf`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: 'x' });
  expect(((await foreign.json()) as { ok: boolean }).ok).toBe(false);
  await expect(fsp.access(path.join(root, 'escape.pdf'))).rejects.toThrow();
});
