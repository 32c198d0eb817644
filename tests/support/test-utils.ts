/** Small helpers shared by the client tests: the failure a promise ends in, a refused port. */
import * as net from 'node:net';
import { AppError } from '../../src-main/core/errors';

/** The AppError `p` fails with; anything else (or success) fails the test. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

/** A loopback port that nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
