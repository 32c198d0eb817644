/**
 * Quitting while signed files wait for SIGEX: the question main asks (native dialog), in the
 * user's language. Pure: main only shows it.
 */
import type { Language, OutboxItemView } from '../model';
import { resources } from './resources';
import { interpolate } from './format-error';

export interface QuitPrompt {
  title: string;
  message: string;
  detail: string;
  /** [quit, stay]: the first is the default. */
  buttons: [string, string];
}

/** null when nothing waits (quit at once); else the question to ask. */
export function quitPrompt(items: readonly OutboxItemView[], lang: Language): QuitPrompt | null {
  const waiting = items.filter((i) => i.state === 'working' || i.state === 'queued').length;
  if (waiting === 0) return null;
  const t = resources[lang].outbox.quit;
  const template = waiting === 1 ? t.message_one : t.message_other;
  return { title: t.title, message: interpolate(template, { count: waiting }), detail: t.detail, buttons: [t.quit, t.stay] };
}
