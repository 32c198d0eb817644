/**
 * The SIGEX client's response classification with an injected fetch (no simulator): what
 * each kind of answer or failure becomes. The real-HTTP behaviour is in
 * tests/integration/sigex-client.test.ts.
 */
import { Readable } from 'node:stream';
import { SigexClient } from '../../src-main/core/sigex/client';
import { failure } from '../support/test-utils';

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function clientWith(handler: Handler, strings: unknown = { errorMessages: {} }, timeoutMs = 1000) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    if (url.endsWith('/api/strings')) return new Response(JSON.stringify(strings), { status: 200 });
    return handler(url, init ?? {});
  }) as typeof fetch;
  return { client: new SigexClient({ baseUrl: 'https://sigex.test/', fetch: fetchImpl, timeoutMs }), calls };
}

const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status });

describe('SIGEX answers', () => {
  it('HTTP 200 + message is sigex-error with the key and the ru text', async () => {
    const { client } = clientWith(async () => json({ message: 'OCSP server problem', requestID: 42 }), {
      errorMessages: { 'OCSP server problem': { ru: 'проблема с OCSP', description: 'НУЦ' } },
    });
    const e = await failure(client.version());
    expect(e.kind).toBe('sigex-error');
    expect(e.info).toMatchObject({ sigexKey: 'OCSP server problem', sigexText: 'проблема с OCSP', sigexDescription: 'НУЦ' });
  });

  it('the texts are optional: a failing /api/strings leaves just the key', async () => {
    const fetchImpl = (async (input: string | URL | Request) =>
      String(input).endsWith('/api/strings')
        ? new Response('oops', { status: 502 })
        : json({ message: 'Document not found' })) as typeof fetch;
    const client = new SigexClient({ baseUrl: 'https://sigex.test', fetch: fetchImpl });
    const e = await failure(client.getDocument('abc'));
    expect(e.kind).toBe('sigex-error');
    expect(e.info.sigexKey).toBe('Document not found');
    expect(e.info.sigexText).toBeUndefined();
    expect(await client.strings()).toBeNull();
  });

  it('/api/strings is fetched once per client', async () => {
    const { client, calls } = clientWith(async () => json({ message: 'Access denied' }));
    await failure(client.getDocument('abc'));
    await failure(client.getDocument('abc'));
    expect(calls.filter((u) => u.endsWith('/api/strings'))).toHaveLength(1);
  });

  it.each([500, 502, 404, 201])('HTTP %i is sigex-server with the status as code', async (status) => {
    let bodyRead = false;
    const body = new ReadableStream(
      {
        pull(c) {
          bodyRead = true;
          c.enqueue(new TextEncoder().encode('{"message":"would be misleading"}'));
          c.close();
        },
      },
      { highWaterMark: 0 },
    );
    const { client } = clientWith(async () => new Response(body, { status }));
    const e = await failure(client.version());
    expect(e.kind).toBe('sigex-server');
    expect(e.info.code).toBe(String(status));
    expect(e.info.sigexKey).toBeUndefined();
    expect(bodyRead).toBe(false);
  });

  it('invalid JSON and non-object JSON are sigex-server', async () => {
    expect((await failure(clientWith(async () => new Response('<html>', { status: 200 })).client.version())).kind).toBe('sigex-server');
    expect((await failure(clientWith(async () => json([1])).client.version())).kind).toBe('sigex-server');
  });

  it('an unexpected 200 shape is sigex-server', async () => {
    const { client } = clientWith(async () => json({ documentId: 'abc' }));
    expect((await failure(client.register({} as never))).kind).toBe('sigex-server');
  });

  it('connection failures are network errors carrying the errno', async () => {
    const { client } = clientWith(async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    });
    const e = await failure(client.version());
    expect(e.kind).toBe('network');
    expect(e.info.code).toBe('ECONNREFUSED');
  });

  it('no answer within timeoutMs is timeout; the caller aborting is cancelled', async () => {
    const hang: Handler = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const slow = clientWith(hang, undefined, 50).client;
    expect((await failure(slow.version())).kind).toBe('timeout');
    const ctl = new AbortController();
    const p = clientWith(hang, undefined, 10_000).client.version({ signal: ctl.signal });
    ctl.abort();
    expect((await failure(p)).kind).toBe('cancelled');
  });

  it('ids are checked before anything is sent', async () => {
    const { client, calls } = clientWith(async () => json({}));
    expect((await failure(client.getDocument('../strings'))).kind).toBe('invalid-input');
    expect((await failure(client.uploadData('a/b', { size: 0, open: () => Readable.from([]) }))).kind).toBe('invalid-input');
    expect(calls).toHaveLength(0);
  });

  it('buildFileName and version read their fields', async () => {
    const { client, calls } = clientWith(async (url) =>
      url.includes('buildFileName') ? json({ fileName: 'a-SigexIdabc.pdf' }) : json({ version: '3.1.0' }),
    );
    expect(await client.buildFileName('abc', 'a b&c.pdf')).toBe('a-SigexIdabc.pdf');
    expect(calls[0]).toBe('https://sigex.test/api/abc/buildFileName?name=a%20b%26c.pdf');
    expect(await client.version()).toBe('3.1.0');
  });
});
