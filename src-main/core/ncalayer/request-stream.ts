/**
 * Builds an NCALayer request whose document data is base64 produced incrementally from file
 * streams, yielded as text pieces for a fragmented WebSocket message. Memory stays flat: at
 * most one piece (a few hundred KiB) exists at a time, whatever the file size.
 */
import { AppError } from '../errors.js';
import { errorCode } from './protocol.js';

export interface SignDocument {
  /** Exact byte size; a stream giving a different count fails with `file-changed`. */
  size: number;
  /** A stream, or chunks that may reuse one buffer (each is used up before the next is asked for). */
  open: () => NodeJS.ReadableStream | AsyncIterable<Buffer>;
  /** Called with each chunk's byte count as it is read (progress). */
  onRead?: (bytes: number) => void;
}

/** Marks where a document's base64 goes in the JSON template. Never appears in real data. */
export const DATA_MARK = '\u0000sigex-desktop-data\u0000';
const QUOTED_MARK = JSON.stringify(DATA_MARK);

/** Target size of one text fragment (characters = bytes: base64 and JSON here are ASCII). */
export const FRAGMENT_CHARS = 256 * 1024;

const EMPTY = Buffer.alloc(0);

/** Bytes encoded per base64 string (a multiple of 3). */
const BASE64_SLICE = 48 * 1024;

/**
 * `template` is the request with each document's data replaced by DATA_MARK, in document
 * order. Yields pieces whose concatenation is the JSON request with the real base64.
 */
export async function* streamRequest(
  template: unknown,
  documents: readonly SignDocument[],
  fragmentChars = FRAGMENT_CHARS,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const pieces = JSON.stringify(template).split(QUOTED_MARK);
  if (pieces.length !== documents.length + 1) {
    throw new AppError('internal', `request template has ${pieces.length - 1} data marks for ${documents.length} documents`);
  }
  let out = pieces[0] as string;
  for (let i = 0; i < documents.length; i++) {
    out += '"';
    for await (const b64 of base64Of(documents[i] as SignDocument, i, signal)) {
      out += b64;
      if (out.length >= fragmentChars) {
        yield out;
        out = '';
      }
    }
    out += '"' + (pieces[i + 1] as string);
  }
  yield out;
}

/**
 * Base64 of one document, incrementally: whole 3-byte groups per chunk, the rest carried.
 * `signal` closes the file at once, even while a read is pending (a stalled source).
 */
export async function* base64Of(doc: SignDocument, index = 0, signal?: AbortSignal): AsyncGenerator<string> {
  let carry: Buffer = EMPTY;
  let total = 0;
  let stream: NodeJS.ReadableStream | AsyncIterable<Buffer>;
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled');
  try {
    stream = doc.open();
  } catch (e) {
    throw unreadable(e, index);
  }
  const onAbort = (): void => destroyStream(stream);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > doc.size) throw fileChanged(index, doc.size, total);
      doc.onRead?.(bytes.length);
      // The bytes left over from the last chunk (at most 2) complete one 3-byte group with the
      // first bytes of this one; the rest is encoded in place. No chunk-sized copy is made (one
      // fresh 1 MiB buffer per chunk used to pile up until a GC on Node 24).
      let from = 0;
      if (carry.length > 0) {
        from = Math.min(3 - carry.length, bytes.length);
        carry = Buffer.concat([carry, bytes.subarray(0, from)]);
        if (carry.length < 3) continue;
        yield carry.toString('base64');
        carry = EMPTY;
      }
      const whole = from + (bytes.length - from) - ((bytes.length - from) % 3);
      // In slices of 48 KiB (64 Ki characters): short strings die young, where collecting them
      // is cheap; one string per 1 MiB chunk lived in the old generation until a full GC.
      for (let at = from; at < whole; at += BASE64_SLICE) yield bytes.toString('base64', at, Math.min(whole, at + BASE64_SLICE));
      // A copy: `bytes` may be a reused read buffer.
      if (whole < bytes.length) carry = Buffer.from(bytes.subarray(whole));
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled', { cause: e });
    throw unreadable(e, index);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (total !== doc.size) throw fileChanged(index, doc.size, total);
  if (carry.length > 0) yield carry.toString('base64');
}

function fileChanged(index: number, expected: number, actual: number): AppError {
  return new AppError('file-changed', `Document ${index + 1} changed while it was being read`, {
    params: { index, expected, actual },
  });
}

function unreadable(e: unknown, index: number): AppError {
  const code = errorCode(e);
  return new AppError('file-unreadable', `Document ${index + 1} could not be read${code ? ` (${code})` : ''}`, {
    params: { index },
    ...(code === undefined ? {} : { code }),
    cause: e,
  });
}

/** Node streams have destroy(); the ReadableStream interface type doesn't say so. A generator is ended. */
function destroyStream(stream: NodeJS.ReadableStream | AsyncIterable<Buffer>): void {
  const destroy = (stream as { destroy?: () => void }).destroy;
  if (typeof destroy === 'function') return void destroy.call(stream);
  const end = (stream as { return?: () => Promise<unknown> }).return;
  if (typeof end === 'function') end.call(stream).catch((e: unknown) => void e);
}
