/**
 * Office proxies for the SIGEX requests outside Electron (the CLI, the web host): HTTPS_PROXY
 * for https:// targets, HTTP_PROXY for http:// ones, NO_PROXY to bypass, always through a
 * CONNECT tunnel (TLS end to end with SIGEX; the proxy sees only the host and port). The
 * Electron app uses Chromium's network stack instead (main.ts: net.fetch, system proxy).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

/** The proxy for `url` from the environment, or null (none set, or NO_PROXY matches). */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | null {
  const raw =
    url.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy)
      : url.protocol === 'http:'
        ? (env.HTTP_PROXY ?? env.http_proxy)
        : undefined;
  if (!raw || bypassed(url, env.NO_PROXY ?? env.no_proxy ?? '')) return null;
  const proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') throw new Error(`unsupported proxy scheme: ${proxy.protocol}`);
  return proxy;
}

/**
 * NO_PROXY: comma- or space-separated; `*` matches everything; `example.kz` and `.example.kz`
 * match the host and its subdomains; `host:port` only that port; IP addresses literally.
 */
export function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy.split(/[\s,]+/).filter(Boolean)) {
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase().replace(/^\[(.*)\](:\d+)?$/, '$1$2')) as RegExpExecArray;
    const name = (m[1] as string).replace(/^\*?\./, '');
    if (m[2] && m[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** Opens a CONNECT tunnel to host:port through `proxy`; the callback gets the raw socket. */
function openTunnel(
  proxy: URL,
  host: string,
  port: number,
  tlsToProxy: tls.ConnectionOptions,
  done: (e: Error | null, s?: Duplex) => void,
): void {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { Host: target };
  if (proxy.username) {
    const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(cred).toString('base64')}`;
  }
  const request = proxy.protocol === 'https:' ? https.request : http.request;
  const req = request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT',
    path: target,
    headers,
    agent: false,
    ...(proxy.protocol === 'https:' ? tlsToProxy : {}),
  });
  req.once('connect', (res, socket, head) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      return done(Object.assign(new Error(`proxy refused CONNECT ${target}: HTTP ${res.statusCode}`), { code: 'EPROXY' }));
    }
    if (head.length > 0) socket.unshift(head);
    done(null, socket);
  });
  req.once('error', (e) => done(e));
  req.end();
}

type ConnectArgs = { host?: string | null; hostname?: string | null; port?: number | string | null; servername?: string };
const hostOf = (o: ConnectArgs) => String(o.hostname ?? o.host ?? 'localhost');

/** http:// through a CONNECT tunnel. */
export class HttpTunnelAgent extends http.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false });
  }
  override createConnection(o: http.ClientRequestArgs, cb?: (e: Error | null, s: Duplex) => void): undefined {
    openTunnel(this.proxy, hostOf(o), Number(o.port) || 80, {}, (e, s) => cb?.(e, s as Duplex));
    return undefined;
  }
}

/** https:// through a CONNECT tunnel: TLS to the target inside it, verified as usual. */
export class HttpsTunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly tlsOptions: tls.ConnectionOptions = {},
  ) {
    super({ keepAlive: false });
  }
  override createConnection(o: https.RequestOptions, cb?: (e: Error | null, s: Duplex) => void): undefined {
    const host = hostOf(o);
    openTunnel(this.proxy, host, Number(o.port) || 443, this.tlsOptions, (e, raw) => {
      if (e || !raw) return cb?.(e ?? new Error('no tunnel'), raw as Duplex);
      const secure = tls.connect({
        ...this.tlsOptions,
        ...(o.ca ? { ca: o.ca } : {}),
        ...(o.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
        socket: raw,
        servername: (o as ConnectArgs).servername ?? host,
      });
      const onError = (err: Error) => cb?.(err, secure);
      secure.once('error', onError);
      secure.once('secureConnect', () => {
        secure.removeListener('error', onError);
        cb?.(null, secure);
      });
    });
    return undefined;
  }
}

export function tunnelAgent(proxy: URL, target: URL, tlsOptions?: tls.ConnectionOptions): http.Agent {
  return target.protocol === 'https:' ? new HttpsTunnelAgent(proxy, tlsOptions) : new HttpTunnelAgent(proxy);
}

/**
 * Chromium's proxy decision for a URL (`session.resolveProxy`: "DIRECT", "PROXY host:port;
 * DIRECT", "HTTPS host:port") -> the proxy URL to tunnel through, or null for a direct connection.
 */
export function proxyFromPac(result: string): URL | null {
  for (const entry of result.split(';').map((s) => s.trim())) {
    const m = /^(PROXY|HTTPS)\s+(\S+)$/i.exec(entry);
    if (m) return new URL(`${(m[1] as string).toUpperCase() === 'HTTPS' ? 'https' : 'http'}://${m[2]}`);
    if (/^DIRECT$/i.test(entry)) return null;
  }
  return null;
}

export type AgentFor = (url: URL) => Promise<http.Agent | undefined> | http.Agent | undefined;

/**
 * A fetch-like function on node:http(s) with a per-URL agent: what the SIGEX transport's
 * JSON calls need (method, headers, a string body, an abort signal; the answer as a Response).
 */
export function agentFetch(agentFor: AgentFor): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const agent = await agentFor(url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const body = init.body == null ? undefined : typeof init.body === 'string' ? init.body : null;
    if (body === null) throw new TypeError('agentFetch: only string bodies');
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, {
        method: init.method ?? 'GET',
        headers,
        ...(agent ? { agent } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 0;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            res.on('data', (c: Buffer) => controller.enqueue(new Uint8Array(c)));
            res.once('end', () => controller.close());
            res.once('error', (e) => controller.error(e));
          },
          cancel() {
            res.destroy();
          },
        });
        resolve(new Response(status === 204 || status === 304 ? null : stream, { status, headers: out }));
      });
      req.end(body);
    });
  };
}

/** What the SIGEX transport needs to honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY; {} when none is set. */
export function envProxyHttp(env: NodeJS.ProcessEnv): { fetch?: typeof fetch; agentFor?: AgentFor } {
  const any = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  if (!any) return {};
  const agentFor: AgentFor = (url) => {
    const proxy = proxyFor(url, env);
    return proxy ? tunnelAgent(proxy, url) : undefined;
  };
  return { fetch: agentFetch(agentFor), agentFor };
}

/**
 * Where Node's own TLS has them (Node 22.15+ / 24, what Electron runs), the system's trusted
 * roots (the Windows certificate store: an office's TLS-inspection root) next to Node's.
 */
export function systemTrust(): tls.ConnectionOptions {
  const get = (tls as { getCACertificates?: (which: 'default' | 'system') => string[] }).getCACertificates;
  if (typeof get !== 'function') return {};
  try {
    return { ca: [...get('default'), ...get('system')] };
  } catch (e) {
    void e; // no readable system store: Node's roots only
    return {};
  }
}

/**
 * The Electron app's SIGEX transport: JSON calls through Chromium (`net.fetch`: system proxy,
 * PAC, Windows certificate store); streamed uploads through node:https (flat memory), with
 * Chromium's proxy decision for the URL (a CONNECT tunnel) and the system's roots.
 */
export function chromiumSigexHttp(
  netFetch: typeof fetch,
  resolveProxy: (url: string) => Promise<string>,
  trust: () => tls.ConnectionOptions = systemTrust,
): { fetch: typeof fetch; agentFor: AgentFor } {
  return {
    fetch: netFetch,
    agentFor: async (url) => {
      const proxy = proxyFromPac(await resolveProxy(url.href));
      if (proxy) return tunnelAgent(proxy, url, trust());
      const t = trust();
      return url.protocol === 'https:' && t.ca ? new https.Agent({ ...t, keepAlive: false }) : undefined;
    },
  };
}
