/**
 * The CLI's --help names every command of its command table and, for each command, exactly the
 * options its parser accepts (one list of every option any command knows, tried on each).
 */
import { USAGE } from '../../src-main/cli';
import { CHECK_USAGE, COSIGN_USAGE, parseCosignArgs } from '../../src-main/cli/cosign';
import { HISTORY_USAGE, parseHistoryArgs } from '../../src-main/cli/history';
import { OUTBOX_USAGE, parseOutboxArgs } from '../../src-main/cli/outbox';
import { parseSignArgs, SIGN_USAGE } from '../../src-main/cli/sign';
import { CLI_COMMAND_NAMES, type CliCommandName } from '../../src-main/launch-args';

const commands: Record<CliCommandName, { usage: string; parse: (rest: string[]) => unknown; files: boolean }> = {
  sign: { usage: SIGN_USAGE, parse: parseSignArgs, files: true },
  check: { usage: CHECK_USAGE, parse: (rest) => parseCosignArgs(rest, 'check'), files: true },
  cosign: { usage: COSIGN_USAGE, parse: (rest) => parseCosignArgs(rest, 'cosign'), files: true },
  outbox: { usage: OUTBOX_USAGE, parse: parseOutboxArgs, files: false },
  history: { usage: HISTORY_USAGE, parse: parseHistoryArgs, files: false },
};

/** A valid value for each option that takes one. */
const VALUES: Record<string, string> = { '--email': 'buh@example.kz', '--out-dir': 'signed', '--lang': 'kk', '--since': '2026-12-01' };

const optionsIn = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g));
const everyOption = [
  ...optionsIn(
    Object.values(commands)
      .map((c) => c.usage)
      .join('\n'),
  ),
].sort();

const accepts = (c: (typeof commands)[CliCommandName], option: string): boolean => {
  try {
    c.parse([...(c.files ? ['a.pdf'] : []), option, ...(option in VALUES ? [VALUES[option]!] : [])]);
    return true;
  } catch (e) {
    if ((e as Error).message === `unknown option: ${option}`) return false;
    throw e;
  }
};

test('--help lists every command of the command table, and --help / --version themselves', () => {
  expect(Object.keys(commands).sort()).toEqual([...CLI_COMMAND_NAMES].sort());
  for (const name of CLI_COMMAND_NAMES) {
    expect(USAGE).toContain(commands[name].usage);
    expect(USAGE).toMatch(new RegExp(`^  sigex-desktop ${name} `, 'm'));
  }
  expect(USAGE).toMatch(/^ {2}sigex-desktop --help \| --version$/m);
});

test.each(CLI_COMMAND_NAMES)('%s: its usage names exactly the options its parser accepts', (name) => {
  const c = commands[name];
  const listed = optionsIn(c.usage);
  expect(everyOption.filter((o) => accepts(c, o))).toEqual(everyOption.filter((o) => listed.has(o)));
  expect(listed.size).toBeGreaterThan(0);
});
