/**
 * The one logger of the main side: the rotating file in the data directory once main.ts gives
 * it (core/log-file.ts redacts every line), else stderr / stdout (the CLI, tests).
 */
import { oneLine, redact, type LogLevel, type RotatingLog } from './core/log-file';

let file: RotatingLog | null = null;

function write(level: LogLevel, message: string): void {
  if (file) return file.write(level, message);
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${redact(oneLine(message))}\n`;
  (level === 'info' ? process.stdout : process.stderr).write(line);
}

export const logger = {
  info: (m: string) => write('info', m),
  warn: (m: string) => write('warn', m),
  error: (m: string) => write('error', m),
  /** From now on, lines go to this file. */
  toFile(log: RotatingLog): void {
    file = log;
  },
  /** The last lines of the log file (for "copy diagnostics"); none without a file. */
  tail(n: number): string[] {
    return file ? file.tail(n) : [];
  },
};
