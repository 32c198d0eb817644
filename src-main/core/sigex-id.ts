/**
 * "-SigexId<id>" in file names (PROTOCOLS.md): detect, build, strip.
 * Detection tries `-SigexId(.+?)\.` first, then `-SigexId(.+?)$`; the captured id must be
 * ASCII letters and digits.
 */
const ID_RE = /^[A-Za-z0-9]+$/;
const MARK = '-SigexId';

export function isSigexId(id: string): boolean {
  return ID_RE.test(id);
}

/**
 * What Windows and browsers make of a copied or downloaded signed file: `act-SigexIdABC (1).pdf`,
 * `act-SigexIdABC - Copy.pdf`, `act-SigexIdABC - копия (2).pdf` (ru), `- Көшірме` (kk).
 */
const COPIED = /-SigexId([A-Za-z0-9]+)(?: - (?:[Cc]opy|[Кк]опия|[Кк]өшірме(?:сі)?))?(?: \(\d+\))?(?:\.|$)/;

export function detectSigexId(fileName: string): string | null {
  const withDot = /-SigexId(.+?)\./.exec(fileName);
  if (withDot && isSigexId(withDot[1] as string)) return withDot[1] as string;
  const atEnd = /-SigexId(.+?)$/.exec(fileName);
  if (atEnd && isSigexId(atEnd[1] as string)) return atEnd[1] as string;
  return COPIED.exec(fileName)?.[1] ?? null;
}

/** Splits at the LAST dot; a leading dot (".profile") is part of the name, not an extension. */
export function splitExtension(fileName: string): { stem: string; ext: string } {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return { stem: fileName, ext: '' };
  return { stem: fileName.slice(0, dot), ext: fileName.slice(dot + 1) };
}

/** `report.v2.pdf` + id -> `report.v2-SigexId<id>.pdf`; `README` -> `README-SigexId<id>`. */
export function buildSigexName(fileName: string, id: string, suffix = ''): string {
  if (!isSigexId(id)) throw new Error(`not a SIGEX id: ${JSON.stringify(id)}`);
  const { stem, ext } = splitExtension(fileName);
  const base = `${stem}${suffix}${MARK}${id}`;
  return ext ? `${base}.${ext}` : base;
}

/** Removes a detected "-SigexId<id>" mark, giving the name the document had before. */
export function stripSigexId(fileName: string): string {
  const id = detectSigexId(fileName);
  if (id === null) return fileName;
  const i = fileName.indexOf(MARK + id);
  return fileName.slice(0, i) + fileName.slice(i + MARK.length + id.length);
}
