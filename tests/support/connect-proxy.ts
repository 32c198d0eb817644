/** A local CONNECT proxy for tests: records every CONNECT target (and any plain request), can demand auth or refuse. */
import * as http from 'node:http';
import * as net from 'node:net';

export interface ConnectProxy {
  url: string;
  /** CONNECT targets, in order ("127.0.0.1:1234"). */
  connects: string[];
  /** Proxy-Authorization headers of the CONNECTs. */
  auth: Array<string | undefined>;
  /** Requests that were not CONNECT (absolute-form proxying, never expected). */
  plain: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(o: { refuseWith?: number } = {}): Promise<ConnectProxy> {
  const connects: string[] = [];
  const auth: Array<string | undefined> = [];
  const plain: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    plain.push(`${req.method} ${req.url}`);
    res.writeHead(501).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    auth.push(req.headers['proxy-authorization']);
    if (o.refuseWith) {
      client.end(`HTTP/1.1 ${o.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!m) return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    const upstream = net.connect(Number(m[2]), m[1] as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.once('error', close);
    client.once('error', close);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    auth,
    plain,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
