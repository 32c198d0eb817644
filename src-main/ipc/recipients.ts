/**
 * E-mail recipients the renderer asks SIGEX to notify: each one the user has not confirmed
 * before needs a confirmation in main's native dialog (through the confirmation gate), which
 * main then remembers in its settings (the renderer cannot write that list). Every channel
 * whose request makes SIGEX send an e-mail calls the ONE function built here before anything
 * reaches SIGEX. The CLI is the user's own command line and does not come through here.
 */
import { AppError } from '../core/errors';
import { normalEmail } from '../core/settings';
import type { ConfirmationGate } from './confirmations';

export interface ConfirmedRecipients {
  confirmedEmails(): readonly string[];
  confirmEmails(emails: readonly string[]): Promise<void>;
}

export interface RecipientCheckPorts {
  store: ConfirmedRecipients;
  gate: ConfirmationGate;
  /** The native question: "e-mail the `documents` signed documents to these new addresses?"; true = yes. */
  dialog(emails: readonly string[], documents: number): Promise<boolean>;
  log(level: 'warn', message: string): void;
}

/** The addresses of `emails` the user has not confirmed yet (each once, as given). */
export function unconfirmedRecipients(emails: readonly string[], confirmed: readonly string[]): string[] {
  const known = new Set(confirmed.map(normalEmail));
  const out: string[] = [];
  for (const e of emails) {
    const n = normalEmail(e);
    if (known.has(n)) continue;
    known.add(n);
    out.push(e);
  }
  return out;
}

/**
 * Resolves when every recipient is confirmed (asking about the new ones at most once);
 * otherwise throws `recipients-not-confirmed` and the caller must not start anything.
 */
export function recipientCheck(p: RecipientCheckPorts): (emails: readonly string[], documents: number) => Promise<void> {
  return async function confirmRecipients(emails, documents) {
    const fresh = unconfirmedRecipients(emails, p.store.confirmedEmails());
    if (fresh.length === 0) return;
    const outcome = await p.gate.ask(
      fresh.map((e) => `email:${normalEmail(e)}`),
      () => p.dialog(fresh, documents),
    );
    if (outcome !== 'confirmed') {
      throw new AppError('recipients-not-confirmed', `new e-mail recipients were not confirmed (${outcome})`, {
        params: { emails: fresh.join(', '), reason: outcome },
      });
    }
    // The user said yes to this signing; failing to remember it only means asking again next time.
    await p.store.confirmEmails(fresh).catch((e: unknown) => p.log('warn', `could not remember the confirmed recipients: ${String(e)}`));
  };
}
