/**
 * The catalogues (src-shared/i18n): ru and kk have exactly en's keys, nothing is empty, ru/kk
 * are really translated (Cyrillic, not a copy of en), placeholders match, and every English
 * sentence of the SIGEX page (tests/fixtures/sigex-sign-page.en.txt) is in the en catalogues.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NAMESPACES, resources } from '../../src-shared/i18n/resources';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(p, value);
    else for (const [k, v] of flatten(value, p)) out.set(k, v);
  }
  return out;
}

const catalogue = (lang: 'en' | 'ru' | 'kk', ns: (typeof NAMESPACES)[number]) => flatten(resources[lang][ns] as unknown as Tree);

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const placeholders = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();

/** Names and codes that stay the same in every language. */
const PROPER_NAMES = [
  'SIGEX Desktop',
  'SIGEX',
  'NCALayer',
  'KAZTOKEN',
  'eGov mobile',
  'eGov Business',
  'eGov',
  'NCA RK',
  'OCSP',
  'TSP',
  'QR',
  'PIN',
  'API',
  'Google Play',
  'Android',
];

/** What is left of a text once placeholders, URLs, e-mail examples and proper names are removed. */
function translatablePart(s: string): string {
  let rest = s
    .replace(PLACEHOLDER, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ');
  for (const name of PROPER_NAMES) rest = rest.split(name).join(' ');
  return rest;
}

describe.each(NAMESPACES)('namespace %s', (ns) => {
  const en = catalogue('en', ns);

  it.each(['ru', 'kk'] as const)('%s has exactly the keys of en', (lang) => {
    const other = catalogue(lang, ns);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(['en', 'ru', 'kk'] as const)('%s has no empty values', (lang) => {
    const empty = [...catalogue(lang, ns)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(['ru', 'kk'] as const)('%s uses the same placeholders as en', (lang) => {
    const other = catalogue(lang, ns);
    const mismatched = [...en]
      .filter(([k, v]) => other.has(k) && placeholders(v).join() !== placeholders(other.get(k) as string).join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it.each(['ru', 'kk'] as const)('%s is translated: Cyrillic text, not a copy of en (names and URLs aside)', (lang) => {
    const other = catalogue(lang, ns);
    const untranslated: string[] = [];
    for (const [key, enValue] of en) {
      const value = other.get(key);
      if (value === undefined) continue;
      const needsTranslation = /[A-Za-z]{2,}/.test(translatablePart(enValue));
      if (!needsTranslation) continue;
      if (value === enValue || !/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(value)) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
  });
});

describe('Kazakh is Kazakh', () => {
  it('the kk catalogues of this app use Kazakh letters (not Russian text under kk)', () => {
    for (const ns of ['common', 'sign', 'errors', 'qr'] as const) {
      const text = [...catalogue('kk', ns).values()].join(' ');
      expect(text).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      const ru = catalogue('ru', ns);
      // Single words may coincide ("Файл"); whole phrases must not.
      const same = [...catalogue('kk', ns)].filter(([k, v]) => v.trim().split(/\s+/).length >= 3 && v === ru.get(k));
      expect(same.map(([k]) => k)).toEqual([]);
    }
  });
});

describe('the SIGEX page texts', () => {
  const seedPath = path.join(__dirname, '..', 'fixtures', 'sigex-sign-page.en.txt');
  const norm = (s: string) => s.replace(PLACEHOLDER, '{{}}').replace(/\s+/g, ' ').trim();

  /** Sentences of the seed, first line (hidden-link junk) dropped, template-only lines skipped. */
  function seedSentences(): string[] {
    const lines = readFileSync(seedPath, 'utf8').split(/\r?\n/).slice(1);
    const sentences: string[] = [];
    for (const line of lines) {
      const text = norm(line);
      if (text === '' || text.replace(/\{\{\}\}/g, '').trim() === '') continue;
      for (const s of text.split(/(?<=[.!?])\s+(?=[A-Z])/)) if (s.trim()) sentences.push(s.trim());
    }
    return sentences;
  }

  const allEnglish = NAMESPACES.flatMap((ns) => [...catalogue('en', ns).values()].map(norm));

  it('has a reasonable number of sentences to check', () => {
    expect(seedSentences().length).toBeGreaterThan(35);
  });

  it.each(seedSentences())('is in the en catalogues: %s', (sentence) => {
    expect(allEnglish.some((value) => value.includes(sentence))).toBe(true);
  });
});
