/**
 * The app's log: one file in the data directory (`logs/sigex-desktop.log`; a GUI app on Windows
 * has no stdout), rotated by size into a few numbered files. Every line is one line and goes
 * through `redact()`: no document contents, CMS or other base64 blobs, PEM blocks, PINs or
 * passwords, and IINs / BINs only by their last four digits. Writing never throws.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export const LOG_FILE = 'sigex-desktop.log';
export const LOG_MAX_BYTES = 1024 * 1024;
/** The current file and its older rotations (.1 ... .N-1). */
export const LOG_FILES = 3;
/** A longer message is cut: a log line is a line, not a payload. */
export const LOG_MAX_LINE = 2000;

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
/** Values of JSON fields that carry documents, signatures or secrets. */
const SECRET_JSON = /("(?:data|document|signature|cms|signedData|pin|password|privateKey|key)"\s*:\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\])/gi;
/** `PIN: 1234`, `password=x`, `пароль 4321` (after a space only digits count: "the PIN in NCALayer" stays). */
const SECRET_TEXT = /(?<![\p{L}\p{N}_])(pin|pin-?code|password|passwd|пароль|парольді|құпиясөз)(\s*[:=]\s*(?=\S)|\s+(?=\d))(\S+)/giu;
/** 64+ characters of base64 / base64url: file bytes, CMS, keys. */
const BASE64 = /[A-Za-z0-9+/_-]{64,}={0,2}/g;
/** 12 digits on their own (IIN / BIN, also inside "IIN123456789012"). */
const IIN = /(?<!\d)(\d{8})(\d{4})(?!\d)/g;

/** What may go into the log file, from any message. */
export function redact(message: string): string {
  return message
    .replace(PEM, '[PEM removed]')
    .replace(SECRET_JSON, (_m, key: string) => `${key}"[removed]"`)
    .replace(SECRET_TEXT, (_m, word: string, sep: string) => `${word}${sep}***`)
    .replace(BASE64, (m) => `[${m.length} base64 chars removed]`)
    .replace(IIN, (_m, _head: string, tail: string) => `********${tail}`);
}

/** One line: line breaks become " | ", other control characters spaces, cut at LOG_MAX_LINE. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = message.replace(/\r\n|[\r\n\u2028\u2029]/g, ' | ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return flat.length > LOG_MAX_LINE ? `${flat.slice(0, LOG_MAX_LINE)}…` : flat;
}

export class RotatingLog {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly o: { maxBytes?: number; files?: number; now?: () => Date } = {},
  ) {
    this.file = path.join(dir, LOG_FILE);
  }

  write(level: LogLevel, message: string): void {
    const line = `${(this.o.now?.() ?? new Date()).toISOString()} ${level.toUpperCase()} ${redact(oneLine(message))}\n`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const size = fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(line) > (this.o.maxBytes ?? LOG_MAX_BYTES)) this.rotate();
      fs.appendFileSync(this.file, line, { mode: 0o600 });
    } catch (e) {
      void e; // a log that cannot be written must not break what was being logged
    }
  }

  /** The last `n` lines, older rotation first when the current file has fewer. */
  tail(n: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < (this.o.files ?? LOG_FILES) && lines.length < n; i++) {
      const text = readOrEmpty(i === 0 ? this.file : `${this.file}.${i}`);
      lines.unshift(
        ...text
          .split('\n')
          .filter(Boolean)
          .slice(-(n - lines.length)),
      );
    }
    return lines;
  }

  private rotate(): void {
    const files = this.o.files ?? LOG_FILES;
    fs.rmSync(`${this.file}.${files - 1}`, { force: true });
    for (let i = files - 2; i >= 1; i--) {
      if (fs.existsSync(`${this.file}.${i}`)) fs.renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    void e; // not there (yet): no lines
    return '';
  }
}
