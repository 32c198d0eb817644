/**
 * Changing where SIGEX or NCALayer is reached: the question main asks (native dialog) before a
 * change the renderer requested takes effect, so a compromised renderer cannot quietly send
 * the user's files elsewhere. Pure: main only shows it.
 */
import type { Language } from '../model';
import { resources } from './resources';
import { interpolate } from './format-error';

export interface AddressChange {
  field: 'sigexUrl' | 'ncalayerUrl';
  from: string;
  to: string;
}

export interface AddressPrompt {
  title: string;
  message: string;
  detail: string;
  /** [change, keep]: keep is the default and the cancel answer. */
  buttons: [string, string];
}

export function addressChangePrompt(changes: readonly AddressChange[], lang: Language): AddressPrompt {
  const t = resources[lang].settings.addressConfirm;
  const detail = changes.map((c) => interpolate(t.detail, { what: t[c.field], from: c.from, to: c.to })).join('\n');
  return { title: t.title, message: t.message, detail, buttons: [t.change, t.keep] };
}
