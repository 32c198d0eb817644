/**
 * Every native confirmation main shows on a renderer's request (a SIGEX / NCALayer address
 * change, new e-mail recipients) goes through one gate, so a compromised renderer cannot wear
 * the user down with dialogs until one is clicked through:
 * - one dialog at a time: a request while a dialog is open is refused without asking;
 * - an item the user refused (an address, an e-mail recipient) is refused without asking for the
 *   rest of the session, also inside a larger request;
 * - after MAX_REFUSALS_IN_A_ROW refusals in a row, every new request is refused without asking
 *   until the app is restarted (a confirmation in between starts the count again).
 * Electron-free: the caller gives the dialog (main.ts shows a native one; tests a stand-in).
 */

/** What became of a request: only 'confirmed' lets it through; 'refused' is the only one the user saw. */
export type ConfirmOutcome = 'confirmed' | 'refused' | 'refused-before' | 'busy' | 'too-many-refusals';

export const MAX_REFUSALS_IN_A_ROW = 3;

export class ConfirmationGate {
  private open = false;
  private readonly refused = new Set<string>();
  private refusalsInARow = 0;

  constructor(private readonly maxRefusalsInARow = MAX_REFUSALS_IN_A_ROW) {}

  /**
   * `items` name what the user is asked about (e.g. `email:a@b.kz`, `sigexUrl:https://x`):
   * a refusal is remembered per item. `dialog` answers true for "yes"; it is called only when
   * the gate lets the question through.
   */
  async ask(items: readonly string[], dialog: () => Promise<boolean>): Promise<ConfirmOutcome> {
    if (items.some((i) => this.refused.has(i))) return 'refused-before';
    if (this.refusalsInARow >= this.maxRefusalsInARow) return 'too-many-refusals';
    if (this.open) return 'busy';
    this.open = true;
    let confirmed: boolean;
    try {
      confirmed = (await dialog()) === true;
    } finally {
      this.open = false;
    }
    if (confirmed) {
      this.refusalsInARow = 0;
      return 'confirmed';
    }
    for (const i of items) this.refused.add(i);
    this.refusalsInARow++;
    return 'refused';
  }
}
