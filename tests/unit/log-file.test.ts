/** The log file: one line per entry, redacted, rotated by size; diagnostics without personal data. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnosticsText } from '../../src-main/core/diagnostics';
import { LOG_FILE, oneLine, redact, RotatingLog } from '../../src-main/core/log-file';
import { LogSchema } from '../../src-main/ipc/contract';
import { defaultSettings } from '../../src-main/core/settings';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../src-shared/model';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-log-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const CMS_B64 = `MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCAMIIDqzCCApOgAwIBAgIU${'A'.repeat(200)}`;

describe('redact', () => {
  test('CMS and file bytes (base64), PEM blocks and JSON payload fields are removed', () => {
    expect(redact(`register failed for cms ${CMS_B64} at step 2`)).toBe(
      `register failed for cms [${CMS_B64.length} base64 chars removed] at step 2`,
    );
    expect(redact('ca: -----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE----- loaded')).toBe('ca: [PEM removed] loaded');
    expect(redact('{"signType":"cms","signature":"MIIB","data":"aGVsbG8="}')).toBe(
      '{"signType":"cms","signature":"[removed]","data":"[removed]"}',
    );
  });

  test('PINs and passwords, in ru / kk / en', () => {
    expect(redact('PIN: 123456 entered')).toBe('PIN: *** entered');
    expect(redact('password=hunter2')).toBe('password=***');
    expect(redact('пароль 4321')).toBe('пароль ***');
    expect(redact('{"pin":"0000"}')).toBe('{"pin":"[removed]"}');
    expect(redact('enter the PIN in the NCALayer window')).toBe('enter the PIN in the NCALayer window');
  });

  test('IIN / BIN: only the last four digits, also inside SERIALNUMBER=IIN...', () => {
    expect(redact('signer IIN 880101300123, BIN 123456789012')).toBe('signer IIN ********0123, BIN ********9012');
    expect(redact('SERIALNUMBER=IIN880101300123')).toBe('SERIALNUMBER=IIN********0123');
    // other numbers are left alone
    expect(redact('size 1234567 bytes, id lQsqLBaS4nQAIIMm, t=1733270400000')).toBe(
      'size 1234567 bytes, id lQsqLBaS4nQAIIMm, t=1733270400000',
    );
  });

  test('one line: line breaks and control characters never split an entry', () => {
    expect(oneLine('a\r\nb\nc\u2028d\u0007e')).toBe('a | b | c | d e');
    expect(oneLine('x'.repeat(5000))).toHaveLength(2001);
  });
});

describe('RotatingLog', () => {
  test('writes redacted single lines with time and level', () => {
    const log = new RotatingLog(dir, { now: () => new Date('2026-12-04T01:00:00Z') });
    log.write('warn', 'sign failed\nPIN: 1111 for 880101300123');
    expect(fs.readFileSync(path.join(dir, LOG_FILE), 'utf8')).toBe(
      '2026-12-04T01:00:00.000Z WARN sign failed | PIN: *** for ********0123\n',
    );
  });

  test('rotates by size into N files; the oldest goes; tail reads across files', () => {
    const log = new RotatingLog(dir, { maxBytes: 200, files: 3 });
    for (let i = 0; i < 40; i++) log.write('info', `entry ${String(i).padStart(2, '0')} ${'.'.repeat(30)}`);
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    for (const n of names) expect(fs.statSync(path.join(dir, n)).size).toBeLessThanOrEqual(200);
    const tail = log.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.map((l) => /entry (\d+)/.exec(l)?.[1])).toEqual(['35', '36', '37', '38', '39']);
    // nothing from the first entries is kept (the oldest file was dropped)
    expect(names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8')).join('')).not.toContain('entry 00');
  });

  test('a log that cannot be written does not throw', () => {
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    expect(() => new RotatingLog(file).write('error', 'x')).not.toThrow();
  });
});

describe('log:write from the renderer', () => {
  test('one line only: line breaks are refused; 2000 characters at most', () => {
    expect(LogSchema.safeParse(['warn', 'could not release file handles: gone']).success).toBe(true);
    for (const bad of ['a\nb', 'a\rb', 'a\u2028b', 'x'.repeat(2001)]) expect(LogSchema.safeParse(['warn', bad]).success).toBe(false);
  });
});

describe('diagnosticsText', () => {
  test('versions, OS, settings without personal data (addresses counted, paths set / not set), outbox, the log tail', () => {
    const settings = {
      ...defaultSettings(),
      copyFolder: 'C:\\Users\\Айгерим\\Documents\\Подписанные',
      extraCaFile: null,
      recentEmails: ['aigerim@example.kz', 'buh@example.kz'],
      defaultOptions: {
        emails: ['director@example.kz'],
        settings: { ...DEFAULT_DOCUMENT_SETTINGS, signersRequirements: [{ iin: '880101300123' }] as never },
      },
    };
    const { version: _v, ...view } = settings;
    const text = diagnosticsText({
      version: '1.2.3',
      host: 'electron',
      settings: view,
      overriddenByEnv: ['sigexUrl'],
      outboxCount: 2,
      logTail: ['2026-12-04T01:00:00.000Z WARN something'],
      versions: { ...process.versions, electron: '45.5.0', chrome: '142.0.0.0' },
    });
    expect(text).toMatch(/^SIGEX Desktop 1\.2\.3 \(electron\)\n/);
    expect(text).toContain('Electron 45.5.0, Chromium 142.0.0.0, Node ');
    expect(text).toContain(`OS: ${os.type()} ${os.release()} ${os.arch()}`);
    expect(text).toContain('Outbox: 2 waiting');
    expect(text).toContain('"copyFolder":"set"');
    expect(text).toContain('"recentEmails":2');
    expect(text).toContain('"overriddenByEnv":["sigexUrl"]');
    expect(text).toContain('2026-12-04T01:00:00.000Z WARN something');
    for (const secret of ['Айгерим', 'aigerim@', 'buh@', 'director@', '880101300123']) expect(text).not.toContain(secret);
  });
});
