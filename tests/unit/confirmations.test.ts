/**
 * The one gate for main's native confirmations: a compromised renderer cannot repeat a refused
 * question, open two dialogs at once, or keep asking after refusals in a row (dialog fatigue).
 */
import { ConfirmationGate, MAX_REFUSALS_IN_A_ROW } from '../../src-main/ipc/confirmations';

/** A stand-in dialog: answers from the list, counts what it was shown. */
function dialog(...answers: boolean[]) {
  const shown: number[] = [];
  return {
    shown,
    ask: () => {
      shown.push(1);
      return Promise.resolve(answers.shift() ?? false);
    },
  };
}

test('a refused item is not asked about again in the session, alone or inside a larger request', async () => {
  const gate = new ConfirmationGate();
  const d = dialog(false, true);
  expect(await gate.ask(['email:evil@x.kz'], d.ask)).toBe('refused');
  expect(await gate.ask(['email:evil@x.kz'], d.ask)).toBe('refused-before');
  expect(await gate.ask(['email:ok@x.kz', 'email:evil@x.kz'], d.ask)).toBe('refused-before');
  expect(d.shown).toHaveLength(1);
  // another item is still asked about
  expect(await gate.ask(['email:ok@x.kz'], d.ask)).toBe('confirmed');
  expect(d.shown).toHaveLength(2);
});

test('one dialog at a time: a request while one is open is refused without asking', async () => {
  const gate = new ConfirmationGate();
  let answer: (yes: boolean) => void = () => undefined;
  let shown = 0;
  const first = gate.ask(['sigexUrl:https://a.example'], () => {
    shown++;
    return new Promise<boolean>((r) => (answer = r));
  });
  expect(
    await gate.ask(['email:b@x.kz'], async () => {
      shown++;
      return true;
    }),
  ).toBe('busy');
  expect(shown).toBe(1);
  answer(true);
  expect(await first).toBe('confirmed');
  // closed: the next one is asked
  expect(await gate.ask(['email:b@x.kz'], async () => (shown++, true))).toBe('confirmed');
  expect(shown).toBe(2);
});

test(`after ${MAX_REFUSALS_IN_A_ROW} refusals in a row nothing more is asked; a confirmation in between starts the count again`, async () => {
  const gate = new ConfirmationGate();
  const d = dialog(false, false, true, false, false, false, true);
  expect(await gate.ask(['email:1@x.kz'], d.ask)).toBe('refused');
  expect(await gate.ask(['email:2@x.kz'], d.ask)).toBe('refused');
  expect(await gate.ask(['email:3@x.kz'], d.ask)).toBe('confirmed');
  expect(await gate.ask(['email:4@x.kz'], d.ask)).toBe('refused');
  expect(await gate.ask(['email:5@x.kz'], d.ask)).toBe('refused');
  expect(await gate.ask(['email:6@x.kz'], d.ask)).toBe('refused');
  expect(d.shown).toHaveLength(6);
  for (const item of ['email:7@x.kz', 'sigexUrl:https://b.example', 'email:3@x.kz']) {
    expect(await gate.ask([item], d.ask)).toBe('too-many-refusals');
  }
  expect(d.shown).toHaveLength(6);
});

test('a dialog that fails does not leave the gate closed', async () => {
  const gate = new ConfirmationGate();
  await expect(gate.ask(['email:a@x.kz'], () => Promise.reject(new Error('no window')))).rejects.toThrow('no window');
  expect(await gate.ask(['email:a@x.kz'], async () => true)).toBe('confirmed');
});
