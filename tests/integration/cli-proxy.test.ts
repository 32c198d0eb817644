/**
 * Office proxies: the CLI reaches SIGEX through a CONNECT proxy started by the test
 * (HTTP_PROXY for the simulator's http:// URL; HTTPS_PROXY works the same way for https://,
 * tested below against a TLS server), and NO_PROXY bypasses it.
 */
import * as https from 'node:https';
import type * as net from 'node:net';
import { Readable } from 'node:stream';
import {
  agentFetch,
  bypassed,
  chromiumSigexHttp,
  envProxyHttp,
  HttpsTunnelAgent,
  proxyFor,
  proxyFromPac,
} from '../../src-main/core/net/proxy';
import { SigexClient } from '../../src-main/core/sigex/client';
import { loadPki } from '../simulators/fixtures';
import { jsonLines, runCli } from '../support/cli';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(60_000);

let h: Harness;
let proxy: ConnectProxy;
afterEach(async () => {
  await h?.stop();
  await proxy?.stop();
});

const simHostPort = (url: string) => new URL(url).host;

describe('sigex-desktop sign through a proxy', () => {
  test('HTTP_PROXY: every SIGEX request goes through a CONNECT tunnel to SIGEX; the document is registered', async () => {
    h = await startHarness();
    proxy = await startConnectProxy();
    const file = await writeWorkFile(h, 'Акт.pdf', 'through the proxy');
    const r = await runCli(['sign', file, '--json'], { ...h.env, HTTP_PROXY: proxy.url }, h.workDir);
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ file, status: 'registered' })]);
    expect(r.code).toBe(0);
    // one tunnel per request (register, the streamed upload, ...): none went direct
    expect(h.sigex.requests.map((q) => q.route)).toEqual(expect.arrayContaining(['register']));
    expect(proxy.connects).toHaveLength(h.sigex.requests.length);
    expect(new Set(proxy.connects)).toEqual(new Set([simHostPort(h.sigex.url)]));
    expect(proxy.plain).toEqual([]);
    expect(h.sigex.documents()).toHaveLength(1);
  });

  test('NO_PROXY naming the SIGEX host bypasses the proxy', async () => {
    h = await startHarness();
    proxy = await startConnectProxy();
    const file = await writeWorkFile(h, 'a.pdf', 'direct');
    const r = await runCli(['sign', file, '--json'], { ...h.env, HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' }, h.workDir);
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ status: 'registered' })]);
    expect(proxy.connects).toEqual([]);
  });

  test('a proxy that refuses the tunnel: the file is queued with a network reason, nothing registered', async () => {
    h = await startHarness();
    proxy = await startConnectProxy({ refuseWith: 403 });
    const file = await writeWorkFile(h, 'a.pdf', 'refused');
    const r = await runCli(['sign', file, '--json'], { ...h.env, HTTP_PROXY: proxy.url }, h.workDir);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ status: 'queued', error: { kind: 'network' } });
    expect(r.code).toBe(3);
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(h.sigex.documents()).toHaveLength(0);
  });
});

describe('HTTPS through the tunnel', () => {
  test('TLS to the target inside the CONNECT tunnel, certificate verified, credentials sent to the proxy', async () => {
    const pki = loadPki();
    const server = https.createServer({ cert: pki.serverCertPem + pki.caCertPem, key: pki.serverKeyPem }, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ version: 'tls-ok', path: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proxy = await startConnectProxy();
    try {
      const target = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const proxyUrl = new URL(proxy.url);
      proxyUrl.username = 'buh';
      proxyUrl.password = 'p@ss';
      const agent = new HttpsTunnelAgent(proxyUrl, { ca: pki.caCertPem });
      const res = await agentFetch(() => agent)(`${target}/api`, { headers: { Accept: 'application/json' } });
      expect(await res.json()).toEqual({ version: 'tls-ok', path: '/api' });
      expect(proxy.connects).toEqual([new URL(target).host]);
      expect(proxy.auth).toEqual([`Basic ${Buffer.from('buh:p@ss').toString('base64')}`]);
      // an untrusted certificate is still refused through the tunnel
      const untrusted = new HttpsTunnelAgent(new URL(proxy.url));
      await expect(agentFetch(() => untrusted)(`${target}/api`)).rejects.toThrow(/certificate/i);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test("the SIGEX client's JSON calls go through the proxy as well (the connection check)", async () => {
    h = await startHarness();
    proxy = await startConnectProxy();
    const env = { HTTP_PROXY: proxy.url };
    const client = new SigexClient({ baseUrl: h.sigex.url, ...envProxyHttp(env) });
    await client.version();
    expect(proxy.connects).toEqual([simHostPort(h.sigex.url)]);
  });
});

describe('the Electron transport (net.fetch stand-in + Chromium proxy decision)', () => {
  test('JSON calls go to the given fetch; uploads tunnel through the proxy Chromium names for the URL', async () => {
    h = await startHarness();
    proxy = await startConnectProxy();
    const fetched: string[] = [];
    const netFetch: typeof fetch = (input, init) => {
      fetched.push(String(input));
      return fetch(input, init);
    };
    const asked: string[] = [];
    const resolveProxy = async (url: string) => {
      asked.push(url);
      return `PROXY ${new URL(proxy.url).host}; DIRECT`;
    };
    const client = new SigexClient({ baseUrl: h.sigex.url, ...chromiumSigexHttp(netFetch, resolveProxy, () => ({})) });
    await client.version();
    expect(fetched).toEqual([`${h.sigex.url}/api/version`]);
    expect(proxy.connects).toEqual([]);
    const bytes = Buffer.from('data');
    await expect(client.uploadData('NoSuchDocument1', { size: bytes.length, open: () => Readable.from([bytes]) })).rejects.toMatchObject({
      kind: 'sigex-error',
    });
    expect(asked).toEqual([`${h.sigex.url}/api/NoSuchDocument1/data`]);
    expect(proxy.connects).toEqual([simHostPort(h.sigex.url)]);
  });
});

describe('proxy rules', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080' };
  test('HTTPS_PROXY for https, HTTP_PROXY for http (scheme optional), none for others', () => {
    expect(proxyFor(new URL('https://sigex.kz/api'), env)?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFor(new URL('http://sigex.kz/api'), env)?.href).toBe('http://proxy.corp:8080/');
    expect(proxyFor(new URL('https://sigex.kz/api'), {})).toBeNull();
    expect(proxyFor(new URL('https://sigex.kz/api'), { https_proxy: 'http://p:1' })?.host).toBe('p:1');
  });

  test('NO_PROXY: names with subdomains, leading dot, *, host:port, IPs', () => {
    const u = (s: string) => new URL(s);
    expect(bypassed(u('https://sigex.kz'), 'sigex.kz')).toBe(true);
    expect(bypassed(u('https://api.sigex.kz'), '.sigex.kz')).toBe(true);
    expect(bypassed(u('https://api.sigex.kz'), '*.sigex.kz')).toBe(true);
    expect(bypassed(u('https://notsigex.kz'), 'sigex.kz')).toBe(false);
    expect(bypassed(u('https://sigex.kz'), 'example.com, *')).toBe(true);
    expect(bypassed(u('http://127.0.0.1:8080'), '127.0.0.1:8080')).toBe(true);
    expect(bypassed(u('http://127.0.0.1:9090'), '127.0.0.1:8080')).toBe(false);
    expect(bypassed(u('https://sigex.kz'), 'sigex.kz:443')).toBe(true);
    expect(bypassed(u('https://sigex.kz'), '')).toBe(false);
    expect(proxyFor(u('https://sigex.kz'), { ...env, NO_PROXY: 'sigex.kz' })).toBeNull();
  });

  test("Chromium's proxy decision (session.resolveProxy) -> the proxy to tunnel through", () => {
    expect(proxyFromPac('DIRECT')).toBeNull();
    expect(proxyFromPac('PROXY proxy.corp:3128; DIRECT')?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFromPac('HTTPS secure.corp:443')?.href).toBe('https://secure.corp/');
    expect(proxyFromPac('SOCKS5 s:1080; DIRECT')).toBeNull();
  });
});
