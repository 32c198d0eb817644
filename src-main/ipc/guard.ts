/**
 * The one wrapper every IPC handler goes through (Electron and web host alike):
 * (a) the sender must be the app's own frame, (b) every argument is validated against the
 * contract's schema before any handler code runs. Electron-free so it is unit-tested directly.
 */
import type { z } from 'zod';
import { AppError, toErrorView, type ErrorView } from '../core/errors';
import { invokeChannels, type ChannelArgs, type ChannelResult, type InvokeChannel } from './contract';

export type Handlers = { [C in InvokeChannel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C> };

/** What we know about who sent a message: its frame URL and whether it is our window's main frame. */
export interface SenderInfo {
  url: string;
  isAppFrame: boolean;
}

export type SenderCheck = (sender: SenderInfo) => boolean;

/** Only our own top frame, loaded from the app's own origin (file:// in Electron, the host in web). */
export function appSenderCheck(allowedOrigins: readonly string[]): SenderCheck {
  return (sender) => {
    if (!sender.isAppFrame) return false;
    let url: URL;
    try {
      url = new URL(sender.url);
    } catch {
      return false; // an unparsable frame URL is never ours
    }
    if (url.protocol === 'file:') return allowedOrigins.includes('file://');
    // scheme://host: URL.origin is "null" for custom schemes such as app://
    return allowedOrigins.includes(`${url.protocol}//${url.host}`);
  };
}

export type IpcOutcome<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

export function validateArgs<C extends InvokeChannel>(channel: C, args: unknown): ChannelArgs<C> {
  const spec = invokeChannels[channel];
  if (!spec) throw new AppError('invalid-input', `unknown channel`);
  const parsed = (spec.args as z.ZodTypeAny).safeParse(args);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ');
    throw new AppError('invalid-input', `invalid arguments for ${channel}: ${where}`);
  }
  return parsed.data as ChannelArgs<C>;
}

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeChannels, name);
}

/**
 * Returns a dispatcher that refuses foreign senders and invalid arguments, and turns every
 * failure into an ErrorView (errors cross IPC as values, never as thrown objects).
 */
export function createDispatcher(handlers: Handlers, isTrusted: SenderCheck) {
  return async function dispatch(channel: unknown, sender: SenderInfo, args: unknown): Promise<IpcOutcome<unknown>> {
    try {
      if (!isTrusted(sender)) throw new AppError('invalid-input', 'IPC from an untrusted sender');
      if (!isInvokeChannel(channel)) throw new AppError('invalid-input', 'unknown channel');
      const valid = validateArgs(channel, args);
      const fn = handlers[channel] as (...a: unknown[]) => unknown;
      return { ok: true, value: await fn(...(valid as unknown[])) };
    } catch (e) {
      return { ok: false, error: toErrorView(e) };
    }
  };
}
