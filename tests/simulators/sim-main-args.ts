/** Command-line numbers for the simulators run as their own processes (*-sim-main.ts). */

/** `--<name> <n>`: n (a finite number >= 0), or undefined when the option is absent. */
export function numberArg(name: string, argv: readonly string[] = process.argv): number | undefined {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? argv[i + 1] : undefined;
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${v}`);
  return n;
}
