/** The one logger of the main side. Never given document contents or PINs. */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, message: string): void {
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`;
  (level === 'info' ? process.stdout : process.stderr).write(line);
}

export const logger = {
  info: (m: string) => write('info', m),
  warn: (m: string) => write('warn', m),
  error: (m: string) => write('error', m),
};
