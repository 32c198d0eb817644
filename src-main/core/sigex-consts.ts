/**
 * Options for the signer-requirements editor: NCA authority OIDs and certification
 * authorities from SIGEX's `GET /api/strings` `consts`, with a bundled list when the service
 * can't be reached (the editor must work offline too).
 */
import type { AuthorityOption, Language, SigexConsts } from '../ipc/contract';

type Names = Record<Language, string>;

const BUNDLED_AUTHORITIES: Record<string, Names> = {
  '1.2.398.3.3.4.1.1': { ru: 'Физическое лицо', kk: 'Жеке тұлға', en: 'Individual' },
  '1.2.398.3.3.4.1.2': { ru: 'Юридическое лицо', kk: 'Заңды тұлға', en: 'Legal entity' },
  '1.2.398.3.3.4.1.2.1': {
    ru: 'Первый руководитель юридического лица',
    kk: 'Заңды тұлғаның бірінші басшысы',
    en: 'First head of a legal entity',
  },
  '1.2.398.3.3.4.1.2.2': { ru: 'Лицо, наделенное правом подписи', kk: 'Қол қою құқығы бар тұлға', en: 'Person with signing authority' },
  '1.2.398.3.3.4.1.2.3': {
    ru: 'Лицо, наделенное правом подписи финансовых документов',
    kk: 'Қаржы құжаттарына қол қою құқығы бар тұлға',
    en: 'Person with authority to sign financial documents',
  },
  '1.2.398.3.3.4.1.2.4': { ru: 'Сотрудник отдела кадров', kk: 'Кадр бөлімінің қызметкері', en: 'HR employee' },
  '1.2.398.3.3.4.1.2.5': { ru: 'Сотрудник организации', kk: 'Ұйым қызметкері', en: 'Employee of an organization' },
};
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
