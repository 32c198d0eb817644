/**
 * NCA RK role OIDs (certificate policies) with their names, as SIGEX publishes them in
 * `consts.ncaAuthorityOIDs`. The bundled fallback for the signer-requirements editor when
 * /api/strings cannot be reached (main's sigex:consts and the renderer use this one list).
 */
import type { AuthorityOption } from './model';

export const NCA_AUTHORITIES: AuthorityOption[] = [
  { oid: '1.2.398.3.3.4.1.1', names: { en: 'Individual', ru: 'Физическое лицо', kk: 'Жеке тұлға' } },
  { oid: '1.2.398.3.3.4.1.2', names: { en: 'Legal entity', ru: 'Юридическое лицо', kk: 'Заңды тұлға' } },
  {
    oid: '1.2.398.3.3.4.1.2.1',
    names: { en: 'First head of a legal entity', ru: 'Первый руководитель юридического лица', kk: 'Заңды тұлғаның бірінші басшысы' },
  },
  {
    oid: '1.2.398.3.3.4.1.2.2',
    names: { en: 'Person with signing authority', ru: 'Лицо, наделённое правом подписи', kk: 'Қол қою құқығы бар тұлға' },
  },
  {
    oid: '1.2.398.3.3.4.1.2.3',
    names: {
      en: 'Person with authority to sign financial documents',
      ru: 'Лицо, наделённое правом подписи финансовых документов',
      kk: 'Қаржылық құжаттарға қол қою құқығы бар тұлға',
    },
  },
  { oid: '1.2.398.3.3.4.1.2.4', names: { en: 'HR employee', ru: 'Сотрудник отдела кадров', kk: 'Кадр бөлімінің қызметкері' } },
  { oid: '1.2.398.3.3.4.1.2.5', names: { en: 'Employee of an organisation', ru: 'Сотрудник организации', kk: 'Ұйым қызметкері' } },
];
