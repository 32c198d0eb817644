/**
 * GET /api/strings: SIGEX's readable texts for its English error keys, and its constants
 * (policy OIDs, authorities ...). Parsed tolerantly: the texts are a nicety, never a reason
 * for an operation to fail.
 */

export interface SigexErrorText {
  ru?: string;
  kk?: string;
  en?: string;
  description?: string;
}

export interface SigexStrings {
  errorMessages: Record<string, SigexErrorText>;
  /** `consts` as served (objects keyed by OID / id); interpreted by whoever needs them. */
  consts: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A text that may be a plain string or an object of languages. */
function text(v: unknown, lang: 'ru' | 'kk' | 'en' = 'ru'): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (isObject(v)) {
    const t = v[lang] ?? v['ru'];
    if (typeof t === 'string' && t !== '') return t;
  }
  return undefined;
}

export function parseStrings(json: unknown): SigexStrings | null {
  if (!isObject(json)) return null;
  const errorMessages: Record<string, SigexErrorText> = {};
  const raw = json['errorMessages'];
  if (isObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (!isObject(value) || key === '__proto__') continue;
      const entry: SigexErrorText = {};
      const ru = text(value['ru']);
      const kk = text(value['kk']);
      const en = text(value['en']);
      const description = text(value['description']);
      if (ru !== undefined) entry.ru = ru;
      if (kk !== undefined) entry.kk = kk;
      if (en !== undefined) entry.en = en;
      if (description !== undefined) entry.description = description;
      errorMessages[key] = entry;
    }
  }
  const consts = isObject(json['consts']) ? json['consts'] : {};
  return { errorMessages, consts };
}

/** The ru text and description for an error key, when the service provided them. */
export function errorTextFor(strings: SigexStrings | null, key: string): { sigexText?: string; sigexDescription?: string } {
  if (!strings || !Object.hasOwn(strings.errorMessages, key)) return {};
  const entry = strings.errorMessages[key] as SigexErrorText;
  return {
    ...(entry.ru === undefined ? {} : { sigexText: entry.ru }),
    ...(entry.description === undefined ? {} : { sigexDescription: entry.description }),
  };
}
