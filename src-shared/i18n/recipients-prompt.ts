/**
 * New e-mail recipients: the question main asks (native dialog) before a signing the renderer
 * started makes SIGEX e-mail the documents to addresses the user never confirmed, so a
 * compromised renderer cannot quietly add its own recipient. Pure: main only shows it.
 */
import type { Language } from '../model';
import { resources } from './resources';
import { interpolate } from './format-error';

export interface RecipientsPrompt {
  title: string;
  message: string;
  detail: string;
  /** [send, refuse]: refuse is the default and the cancel answer. */
  buttons: [string, string];
}

export function recipientsPrompt(emails: readonly string[], documents: number, lang: Language): RecipientsPrompt {
  const t = resources[lang].sign.recipientsConfirm;
  const detail = interpolate(t.detail, { count: documents, emails: emails.join(', ') });
  return { title: t.title, message: t.message, detail, buttons: [t.send, t.refuse] };
}
