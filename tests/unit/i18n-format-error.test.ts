/** formatError: kinds with params, SIGEX keys (bundled / server text / unknown), OCSP-TSP hint. */
import { ERROR_KINDS, type ErrorView } from '../../src-main/core/errors';
import { formatError, interpolate } from '../../src-shared/i18n/format-error';
import en from '../../src-shared/i18n/locales/en/errors';
import ru from '../../src-shared/i18n/locales/ru/errors';
import kk from '../../src-shared/i18n/locales/kk/errors';

const LANGS = ['ru', 'kk', 'en'] as const;

/** Every key PROTOCOLS.md lists, plus the QR ones. */
const SIGEX_KEYS = [
  'OCSP server problem',
  'TSP server problem',
  'Signature does not correspond to the document',
  'Request body is too large',
  'HTTP Content-Length request header not set',
  'Document signatures limit reached',
  'Signature does not conform to document settings requirements',
  'This signature has already been submitted',
  'Signer certificate expired or not yet valid',
  'Too many notification email addresses provided',
  'One of the provided notification email addresses is in invalid format',
  'Request rate limit reached',
  'Document not found',
  'Access denied',
  'QR signing operation timeout',
  'eGov mobile data exchange failed',
  'Too much users use QR signing',
];

const sigexError = (sigexKey: string, extra: Partial<ErrorView> = {}): ErrorView => ({
  kind: 'sigex-error',
  message: `SIGEX: ${sigexKey}`,
  sigexKey,
  ...extra,
});

describe('interpolate', () => {
  it('fills {{name}} and leaves nothing of a missing value', () => {
    expect(interpolate('File {{name}} ({{ size }} B)', { name: 'a.pdf', size: 12 })).toBe('File a.pdf (12 B)');
    expect(interpolate('x{{missing}}y', {})).toBe('xy');
  });
});

describe('formatError for every kind', () => {
  it.each(LANGS)('%s: every kind has a title and a message, no raw placeholders', (lang) => {
    for (const kind of ERROR_KINDS) {
      const f = formatError({ kind, message: 'dev text' }, lang);
      expect(f.title.trim()).not.toBe('');
      expect(f.message.trim()).not.toBe('');
      expect(`${f.title} ${f.message} ${f.description ?? ''}`).not.toMatch(/\{\{|\}\}/);
      expect(f.ncaServicesHint).toBe(false);
    }
  });

  it('uses the params in the texts', () => {
    const view: ErrorView = { kind: 'file-in-use', message: 'busy', params: { name: 'act.pdf' } };
    expect(formatError(view, 'en')).toEqual({
      title: en.titles['file-in-use'],
      message: en.kinds['file-in-use'],
      description: 'Close act.pdf in the other program and try again.',
      ncaServicesHint: false,
    });
    expect(formatError(view, 'ru').description).toBe('Закройте act.pdf в другой программе и повторите попытку.');
    expect(formatError(view, 'kk').description).toContain('act.pdf');
    const already = formatError({ kind: 'already-signed', message: 'x', params: { name: 'a.pdf', id: 'lQsqLBaS4nQAIIMm' } }, 'ru');
    expect(already.message).toContain('lQsqLBaS4nQAIIMm');
  });

  it('drops a hint whose values are missing, and reads well without them', () => {
    const f = formatError({ kind: 'file-too-large', message: 'x' }, 'en');
    expect(f.description).toBeUndefined();
    const a = formatError({ kind: 'already-signed', message: 'x' }, 'en');
    expect(a.message).toBe(
      'The file name contains SIGEX identifier: the file has most likely already been signed and registered in SIGEX.',
    );
    expect(formatError({ kind: 'requirements-not-met', message: 'x', params: { iin: '-', bin: '-' } }, 'en').description).toBeUndefined();
  });

  it('shows codes and details as technical details, never as the message', () => {
    const f = formatError({ kind: 'ncalayer-error', message: 'x', code: 'SIGNING_FAILURE', details: 'token removed' }, 'en');
    expect(f.message).toBe(en.kinds['ncalayer-error']);
    expect(f.description).toContain('Technical details: SIGNING_FAILURE: token removed');
  });

  it.each(LANGS)('%s: recipients refused only because another dialog was open do not say "restart"', (lang) => {
    const view = (reason: string): ErrorView => ({ kind: 'recipients-not-confirmed', message: 'x', params: { emails: 'a@b.kz', reason } });
    const c = { en, ru, kk }[lang];
    const busy = formatError(view('busy'), lang).description;
    expect(busy).toBe(c.hints['recipients-not-confirmed:busy']);
    expect(busy).not.toBe(c.hints['recipients-not-confirmed']);
    // the user's own refusal (or a refusal remembered from it) keeps the kind's hint
    for (const reason of ['refused', 'refused-before', 'too-many-refusals']) {
      expect(formatError(view(reason), lang).description).toBe(c.hints['recipients-not-confirmed']);
    }
  });

  it('an unknown kind is treated as internal', () => {
    const f = formatError({ kind: 'no-such-kind' as ErrorView['kind'], message: 'boom' }, 'kk');
    expect(f.title).toBe(kk.titles.internal);
    expect(f.description).toContain('boom');
  });
});

describe('formatError for SIGEX errors', () => {
  it('has a bundled text for every SIGEX key in every language', () => {
    for (const key of SIGEX_KEYS) {
      for (const [lang, c] of [
        ['en', en],
        ['ru', ru],
        ['kk', kk],
      ] as const) {
        const bundled = (c.sigex as Record<string, { message: string }>)[key];
        expect(bundled?.message).toBeTruthy();
        expect(formatError(sigexError(key), lang).message).toBe(bundled?.message);
      }
    }
  });

  it('in Russian prefers the server text from /api/strings, elsewhere the bundled text', () => {
    const view = sigexError('Document signatures limit reached', {
      sigexText: 'превышено ограничение на количество подписей',
      sigexDescription: 'документ уже подписан максимальным числом подписантов',
    });
    expect(formatError(view, 'ru')).toEqual({
      title: ru.titles['sigex-error'],
      message: 'Превышено ограничение на количество подписей',
      description: 'документ уже подписан максимальным числом подписантов',
      ncaServicesHint: false,
    });
    expect(formatError(view, 'kk').message).toBe(kk.sigex['Document signatures limit reached'].message);
    expect(formatError(view, 'en').message).toBe('The document has reached its limit of signatures.');
  });

  it('an unknown key shows the key itself and the server text', () => {
    const f = formatError(sigexError('Brand new failure', { sigexText: 'новая ошибка' }), 'en');
    expect(f.message).toBe('SIGEX error: Brand new failure');
    expect(f.description).toBe('новая ошибка');
    expect(formatError(sigexError('toString'), 'en').message).toBe('SIGEX error: toString');
  });

  it('flags OCSP and TSP problems (and nothing else) for the NCA services hint', () => {
    for (const lang of LANGS) {
      expect(formatError(sigexError('OCSP server problem'), lang).ncaServicesHint).toBe(true);
      expect(formatError(sigexError('TSP server problem', { sigexText: 'проблема с TSP сервером' }), lang).ncaServicesHint).toBe(true);
      expect(formatError(sigexError('Access denied'), lang).ncaServicesHint).toBe(false);
      expect(formatError({ kind: 'network', message: 'x' }, lang).ncaServicesHint).toBe(false);
    }
  });
});
