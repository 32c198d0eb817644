/**
 * Fallback for old NCALayer builds without `kz.gov.pki.knca.basics`: the `commonUtils` module.
 * It signs one document per request (one dialog each) and needs a storage type up front.
 */
import { AppError } from '../errors.js';
import { classifyLegacyReply, decodeCms, GET_ACTIVE_TOKENS, legacySignTemplate, protocolError, type LegacyOutcome } from './protocol.js';
import { DATA_MARK, type SignDocument } from './request-stream.js';

/** Sends one request (the template's DATA_MARKs replaced by the documents' base64). */
export type Exchange = (
  template: Record<string, unknown>,
  documents: readonly SignDocument[],
  opts: { timeoutMs?: number },
) => Promise<Record<string, unknown>>;

/** Used when no hardware token is plugged in: NCALayer then asks for a key file. */
export const FILE_STORAGE = 'PKCS12';
/** The storage NCALayer reports for KAZTOKEN (PROTOCOLS.md §1, getActiveTokens). */
export const KAZTOKEN_STORAGE = 'AKKaztokenStore';

export async function legacySign(
  exchange: Exchange,
  documents: readonly SignDocument[],
  opts: { shortTimeoutMs: number; replyTimeoutMs?: number; onStorage?: (storage: string) => void },
): Promise<Buffer[]> {
  const tokens = expectOk(classifyLegacyReply(await exchange(GET_ACTIVE_TOKENS, [], { timeoutMs: opts.shortTimeoutMs })));
  const storage = pickStorage(tokens);
  // Told before the first dialog opens: the UI says where the signature is expected from.
  opts.onStorage?.(storage);
  const results: Buffer[] = [];
  for (const doc of documents) {
    const reply = await exchange(
      legacySignTemplate(storage, DATA_MARK),
      [doc],
      opts.replyTimeoutMs === undefined ? {} : { timeoutMs: opts.replyTimeoutMs },
    );
    const cms = expectOk(classifyLegacyReply(reply));
    if (typeof cms !== 'string') throw protocolError('NCALayer legacy reply carries no signature');
    results.push(decodeCms(cms));
  }
  return results;
}

/** First active hardware token, else the key file storage. */
export function pickStorage(tokens: unknown): string {
  if (!Array.isArray(tokens)) throw protocolError('getActiveTokens did not return a list');
  const first: unknown = tokens[0];
  return typeof first === 'string' && first !== '' ? first : FILE_STORAGE;
}

function expectOk(outcome: LegacyOutcome): unknown {
  switch (outcome.kind) {
    case 'ok':
      return outcome.value;
    case 'cancelled':
      throw new AppError('cancelled', 'Signing was cancelled in NCALayer');
    case 'error':
      throw new AppError('ncalayer-error', outcome.message || `NCALayer error ${outcome.code}`, {
        code: outcome.code,
        ...(outcome.message ? { details: outcome.message } : {}),
      });
  }
}
