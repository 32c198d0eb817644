/**
 * Options for the signer-requirements editor: NCA authority OIDs and certification
 * authorities from SIGEX's `GET /api/strings` `consts`, with a bundled list when the service
 * can't be reached (the editor must work offline too).
 */
import type { AuthorityOption, Language, SigexConsts } from '../../src-shared/model';
import { NCA_AUTHORITIES } from '../../src-shared/nca-authorities';

type Names = Record<Language, string>;

const BUNDLED_AUTHORITIES: Record<string, Names> = Object.fromEntries(NCA_AUTHORITIES.map((a) => [a.oid, a.names]));
const BUNDLED_CAS: Record<string, Names> = {
  nca: { ru: 'Национальный удостоверяющий центр РК', kk: 'ҚР Ұлттық куәландырушы орталығы', en: 'National Certification Authority of RK' },
};

function names(v: unknown, fallback: string): Names | null {
  if (typeof v === 'string') return { ru: v, kk: v, en: v };
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const pick = (l: string) => (typeof o[l] === 'string' && o[l] !== '' ? (o[l] as string) : undefined);
  const ru = pick('ru') ?? pick('en') ?? fallback;
  return { ru, kk: pick('kk') ?? ru, en: pick('en') ?? ru };
}

function table(raw: unknown, fallback: Record<string, Names>): Array<{ id: string; names: Names }> {
  const source = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : fallback;
  const rows = Object.entries(source)
    .map(([id, v]) => ({ id, names: names(v, id) }))
    .filter((r): r is { id: string; names: Names } => r.names !== null);
  return rows.length > 0 ? rows : Object.entries(fallback).map(([id, n]) => ({ id, names: n }));
}

export function constsFrom(consts: Record<string, unknown> | null): SigexConsts {
  const authorities: AuthorityOption[] = table(consts?.['ncaAuthorityOIDs'], BUNDLED_AUTHORITIES)
    .filter((r) => /^\d+(\.\d+)+$/.test(r.id))
    .map((r) => ({ oid: r.id, names: r.names }));
  return { authorities, certificationAuthorities: table(consts?.['certificationAuthorities'], BUNDLED_CAS) };
}

export async function loadSigexConsts(client: { strings(): Promise<{ consts: Record<string, unknown> } | null> }): Promise<SigexConsts> {
  const strings = await client.strings().catch(() => null);
  return constsFrom(strings?.consts ?? null);
}
