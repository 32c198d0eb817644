/**
 * Texts served by the simulator's GET /api/strings. Keys are the service's English error keys
 * (PROTOCOLS.md §2 plus the QR ones); `ru` texts follow the wording used by SIGEX's own
 * clients; `description` is ours. `consts` keeps the real shape: objects keyed by OID / id.
 */
export interface ErrorText {
  ru: string;
  kk?: string;
  description: string;
}

export const ERROR_MESSAGES: Record<string, ErrorText> = {
  'Unexpected error': {
    ru: 'непредвиденная ошибка',
    kk: 'күтпеген қате',
    description: 'неизвестная проблема на сервере, попробуйте повторить запрос позже',
  },
  'Failed to parse JSON': { ru: 'не удалось разобрать JSON запрос', description: 'JSON запрос закодирован некорректно' },
  'Invalid JSON request structure': {
    ru: 'некорректная структура JSON запроса',
    description: 'в запросе отсутствуют необходимые поля либо присутствуют лишние, или поля имеют неверный тип',
  },
  'Invalid API route': { ru: 'некорректный маршрут', description: 'такого метода API не существует' },
  'Invalid HTTP request method': { ru: 'некорректный HTTP метод', description: 'для этого маршрута используется другой HTTP метод' },
  'Invalid URL query parameter': {
    ru: 'некорректный URL параметр запроса',
    description: 'параметр запроса отсутствует или имеет неверное значение',
  },
  'Request body is too large': {
    ru: 'размер запроса слишком велик',
    kk: 'сұраныс өлшемі тым үлкен',
    description: 'сервис не принимает данные такого размера',
  },
  'Request field size is too large': { ru: 'размер поля слишком велик', description: 'одно из полей запроса превышает допустимый размер' },
  'HTTP Content-Length request header not set': {
    ru: 'не указан HTTP заголовок Content-Length',
    description: 'данные документа необходимо передавать с заголовком Content-Length, равным их размеру',
  },
  'The processed data size does not match the one passed in HTTP Content-Length request header': {
    ru: 'размер обработанных данных не равен размеру, переданному в HTTP заголовке Content-Length',
    description: 'передача данных была прервана, либо заголовок Content-Length не соответствует данным',
  },
  'Request rate limit reached': {
    ru: 'достигнуто ограничение частоты запросов',
    kk: 'сұраныстар жиілігінің шегіне жеттіңіз',
    description: 'слишком много запросов за короткое время, повторите попытку немного позже',
  },
  'Document not found': {
    ru: 'документ не найден',
    kk: 'құжат табылмады',
    description: 'документ с таким идентификатором не зарегистрирован в сервисе',
  },
  'Access denied': {
    ru: 'доступ запрещен',
    kk: 'қолжетімділікке тыйым салынған',
    description: 'доступ к документу ограничен его настройками',
  },
  'Authentication required': {
    ru: 'требуется аутентификация',
    kk: 'аутентификация қажет',
    description: 'для выполнения операции необходимо пройти аутентификацию',
  },
  'Invalid document identifier': {
    ru: 'некорректный идентификатор документа',
    description: 'идентификатор документа должен состоять из латинских букв и цифр',
  },
  'Invalid document Title': { ru: 'неверный заголовок документа', description: 'заголовок документа пуст или слишком длинный' },
  'Invalid file name': { ru: 'некорректное имя файла', description: 'имя файла пусто, слишком длинное или содержит недопустимые символы' },
  'Invalid format of provided document settings': {
    ru: 'некорректный формат объекта настроек документа',
    description: 'одно из полей настроек документа имеет неверный тип или значение',
  },
  'One of the provided IINs is in invalid format': {
    ru: 'некорректный формат одного из ИИН переданных в запросе',
    description: 'ИИН и БИН указываются в виде "IIN" или "BIN" и 12 цифр с верной контрольной цифрой',
  },
  'One of the provided authority OIDs is in invalid format': {
    ru: 'некорректный формат одного из OID-ов',
    description: 'OID полномочий должен состоять из чисел, разделенных точками',
  },
  'Too many notification email addresses provided': {
    ru: 'указано слишком много адресов электронной почты для рассылки уведомлений',
    kk: 'хабарламаларға арналған электрондық пошта мекенжайлары тым көп',
    description: 'уменьшите количество адресов электронной почты',
  },
  'One of the provided notification email addresses is in invalid format': {
    ru: 'некорректный формат одного из адресов электронной почты для отправки уведомлений',
    kk: 'электрондық пошта мекенжайларының бірінің пішімі қате',
    description: 'проверьте написание адресов электронной почты',
  },
  'Signature type is not supported': { ru: 'неподдерживаемый тип подписи', description: 'поддерживается тип подписи "cms"' },
  'Failed to parse signature': {
    ru: 'не удалось разобрать подпись',
    description: 'подпись повреждена или не является CMS в кодировке DER или PEM',
  },
  'Invalid signature': {
    ru: 'некорректная подпись',
    kk: 'қолтаңба жарамсыз',
    description: 'подпись не прошла криптографическую проверку или содержит не одну подпись',
  },
  'Digest algorithm not supported': {
    ru: 'алгоритм хеширования не поддерживается',
    description: 'подпись сформирована с неизвестным сервису алгоритмом хеширования',
  },
  'Signature algorithm not supported': {
    ru: 'алгоритм подписи не поддерживается',
    description: 'подпись сформирована с неизвестным сервису алгоритмом',
  },
  'Certificate issuer is unknown': {
    ru: 'издатель сертификата неизвестен',
    description: 'сертификат подписавшего выпущен неизвестным удостоверяющим центром',
  },
  'Failed to build certificate chain': {
    ru: 'не удалось построить цепочку сертификатов',
    description: 'не удалось проверить сертификат подписавшего до доверенного корневого сертификата',
  },
  'Signer certificate expired or not yet valid': {
    ru: 'срок действия сертификата уже истек, либо еще не наступил',
    kk: 'сертификаттың қолданылу мерзімі өтіп кеткен немесе әлі басталмаған',
    description: 'подпишите документ действующим сертификатом',
  },
  'OCSP server problem': {
    ru: 'проблема с OCSP сервером',
    kk: 'OCSP серверінде ақау',
    description: 'не удалось проверить статус сертификата, проблема может быть связана с работой OCSP сервиса НУЦ РК',
  },
  'TSP server problem': {
    ru: 'проблема с TSP сервером',
    kk: 'TSP серверінде ақау',
    description: 'не удалось получить метку времени, проблема может быть связана с работой TSP сервиса НУЦ РК',
  },
  'Signature does not correspond to the document': {
    ru: 'подпись не соответствует документу',
    kk: 'қолтаңба құжатқа сәйкес келмейді',
    description: 'подпись сформирована под другими данными',
  },
  'This signature has already been submitted': {
    ru: 'данная подпись уже была зарегистрирована',
    kk: 'бұл қолтаңба бұрын тіркелген',
    description: 'повторная регистрация одной и той же подписи не допускается',
  },
  'Document signatures limit reached': {
    ru: 'превышено ограничение на количество подписей',
    kk: 'қолтаңбалар санына шектеу асып кетті',
    description: 'документ уже подписан максимальным числом подписантов, указанным в его настройках',
  },
  'Signature does not conform to document settings requirements': {
    ru: 'подпись не удовлетворяет требованиям в настройках документа',
    kk: 'қолтаңба құжат баптауларының талаптарына сәйкес келмейді',
    description: 'подписант не входит в список допустимых, либо уже подписал документ',
  },
  'Digests values update required': {
    ru: 'необходимо обновить хеши документа',
    description: 'загрузите данные документа повторно, чтобы сервис вычислил хеш по новому алгоритму',
  },
  'Document digests are already known': { ru: 'хеши документа уже известны', description: 'данные документа уже были загружены' },
  'Document digests are not known': {
    ru: 'хеши документа не известны',
    description: 'регистрация документа не завершена: данные документа еще не загружены',
  },
  'QR signing operation timeout': {
    ru: 'таймаут операции QR подписания',
    kk: 'QR арқылы қол қою операциясының уақыты өтті',
    description: 'подпись не была получена от eGov mobile за отведенное время',
  },
  'QR signing operation is not active': {
    ru: 'операция QR подписания не активна',
    description: 'операция QR подписания завершена, отменена или не существует',
  },
  'Invalid QR signing state': {
    ru: 'неверное состояние QR подписания',
    description: 'запрос не соответствует текущему этапу операции QR подписания',
  },
  'Too much users use QR signing': {
    ru: 'слишком много пользователей выполняют QR подписание',
    kk: 'QR арқылы қол қоюды пайдаланушылар тым көп',
    description: 'повторите попытку немного позже',
  },
  'eGov mobile data exchange failed': {
    ru: 'ошибка обмена данными с eGov mobile',
    kk: 'eGov mobile-мен деректер алмасу қатесі',
    description: 'подписание в приложении было отменено или завершилось ошибкой',
  },
};

type Names = { ru: string; kk: string; en: string };

export const NCA_AUTHORITY_OIDS: Record<string, Names> = {
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
    kk: 'Қаржылық құжаттарға қол қою құқығы бар тұлға',
    en: 'Person with authority to sign financial documents',
  },
  '1.2.398.3.3.4.1.2.4': { ru: 'Сотрудник отдела кадров', kk: 'Кадр бөлімінің қызметкері', en: 'HR employee' },
  '1.2.398.3.3.4.1.2.5': { ru: 'Сотрудник организации', kk: 'Ұйым қызметкері', en: 'Employee of an organization' },
};

export const STRINGS_CONSTS = {
  ncaAuthorityOIDs: NCA_AUTHORITY_OIDS,
  certificationAuthorities: {
    nca: {
      ru: 'Национальный удостоверяющий центр РК',
      kk: 'ҚР Ұлттық куәландырушы орталығы',
      en: 'National Certification Authority of RK',
    },
  } as Record<string, Names>,
  extKeyUsageOIDs: {
    '1.3.6.1.5.5.7.3.4': {
      ru: 'Защищенная электронная почта (подпись)',
      kk: 'Қорғалған электрондық пошта (қолтаңба)',
      en: 'Email protection (signing)',
    },
    '1.3.6.1.5.5.7.3.2': { ru: 'Аутентификация клиента', kk: 'Клиентті аутентификациялау', en: 'Client authentication' },
    ...NCA_AUTHORITY_OIDS,
  } as Record<string, Names>,
  signatureAlgorithmOIDs: {
    '1.2.840.113549.1.1.11': { ru: 'RSA с SHA-256', kk: 'SHA-256 бар RSA', en: 'RSA with SHA-256' },
    '1.2.840.10045.4.3.2': { ru: 'ECDSA с SHA-256', kk: 'SHA-256 бар ECDSA', en: 'ECDSA with SHA-256' },
  } as Record<string, Names>,
  digestAlgorithmOIDs: {
    '2.16.840.1.101.3.4.2.1': { ru: 'SHA-256', kk: 'SHA-256', en: 'SHA-256' },
  } as Record<string, Names>,
  policyOIDs: {} as Record<string, Names>,
  timeStampPolicyOIDs: {} as Record<string, Names>,
  keyUsages: {} as Record<string, Names>,
  keyStorageOIDs: {} as Record<string, Names>,
  subscriptions: {} as Record<string, Names>,
  subscriptionFeatures: {} as Record<string, Names>,
};

export function stringsResponse(): { errorMessages: Record<string, ErrorText>; consts: typeof STRINGS_CONSTS } {
  return { errorMessages: ERROR_MESSAGES, consts: STRINGS_CONSTS };
}
