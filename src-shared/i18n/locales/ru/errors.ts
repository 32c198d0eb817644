// ru: тексты ошибок. Ключи `sigex` — английские ключи ошибок SIGEX (с пробелами), их читает
// format-error.ts напрямую, а не через пути i18next.
import type { ErrorMessages } from '../en/errors';

const messages: ErrorMessages = {
  titles: {
    'already-signed': 'Уже подписан',
    cancelled: 'Подписание отменено',
    'ncalayer-not-running': 'NCALayer не обнаружен',
    'ncalayer-untrusted': 'Сертификату NCALayer нет доверия',
    'ncalayer-error': 'Ошибка NCALayer',
    'ncalayer-protocol': 'Ошибка NCALayer',
    'ncalayer-closed': 'Соединение с NCALayer прервано',
    'ncalayer-timeout': 'NCALayer не отвечает',
    'sigex-error': 'SIGEX не принял документ',
    'sigex-server': 'SIGEX недоступен',
    network: 'Нет подключения',
    timeout: 'Сервер не отвечает',
    'file-changed': 'Файл изменился',
    'file-unreadable': 'Не удаётся прочитать файл',
    'file-in-use': 'Файл занят',
    'file-too-large': 'Файл слишком большой',
    'name-too-long': 'Слишком длинное имя',
    'disk-full': 'Диск заполнен',
    'copy-failed': 'Копия не сохранена',
    'qr-expired': 'Срок действия QR-кода истёк',
    'qr-declined': 'Подписание отклонено',
    'requirements-not-met': 'Подпись не соответствует требованиям',
    'invalid-input': 'Неверные данные',
    internal: 'Что-то пошло не так',
  },
  kinds: {
    'already-signed': 'Имя файла содержит идентификатор SIGEX {{id}}: скорее всего, файл уже подписан и зарегистрирован в SIGEX.',
    cancelled: 'Подписание отменено.',
    'ncalayer-not-running': 'NCALayer не обнаружен на вашем компьютере.',
    'ncalayer-untrusted':
      'NCALayer запущен, но его сертификат не является доверенным, поэтому защищённое соединение установить не удалось.',
    'ncalayer-error': 'NCALayer не смог подписать документ.',
    'ncalayer-protocol': 'NCALayer прислал ответ, который приложение не может разобрать.',
    'ncalayer-closed': 'Соединение с NCALayer закрылось до получения подписи.',
    'ncalayer-timeout': 'NCALayer не ответил вовремя.',
    'sigex-error': 'SIGEX вернул ошибку.',
    'sigex-server': 'Сервис SIGEX временно недоступен.',
    network: 'Не удалось подключиться к SIGEX. Проверьте подключение к интернету.',
    timeout: 'Сервер не ответил вовремя.',
    'file-changed': 'Файл был изменён после того, как его выбрали или подписали.',
    'file-unreadable': 'Не удалось прочитать файл.',
    'file-in-use': 'Файл открыт в другой программе.',
    'file-too-large': 'Файл слишком большой.',
    'name-too-long': 'Имя файла слишком длинное для копии с идентификатором SIGEX.',
    'disk-full': 'Недостаточно свободного места на диске.',
    'copy-failed': 'Не удалось сохранить подписанную копию.',
    'qr-expired': 'Срок действия QR-кода истёк раньше, чем документ был подписан.',
    'qr-declined': 'Подписание отклонено или завершилось ошибкой в приложении eGov.',
    'requirements-not-met': 'Подпись не соответствует требованиям к подписантам, указанным для документа.',
    'invalid-input': 'Часть данных указана неверно.',
    internal: 'Произошла непредвиденная ошибка.',
  },
  hints: {
    'ncalayer-not-running': 'Запустите NCALayer (или установите его) и повторите попытку.',
    'ncalayer-untrusted':
      'Проверьте, что установлены корневые сертификаты НУЦ РК, или добавьте сертификат удостоверяющего центра в настройках.',
    'ncalayer-error': 'Проверьте ключ и токен, затем повторите попытку.',
    'ncalayer-closed': 'Если NCALayer был закрыт или перезапущен, запустите его и повторите попытку.',
    'ncalayer-timeout': 'Проверьте, что NCALayer запущен и его окно не скрыто, затем повторите попытку.',
    'sigex-server': 'Повторите попытку через несколько минут.',
    network: 'Подпись не потеряна: повторите попытку, когда связь восстановится.',
    timeout: 'Повторите попытку через несколько минут.',
    'file-changed': 'Выберите файл заново и подпишите его ещё раз.',
    'file-unreadable': 'Проверьте, что файл {{name}} существует и у вас есть к нему доступ.',
    'file-in-use': 'Закройте {{name}} в другой программе и повторите попытку.',
    'file-too-large': 'По QR-коду можно подписывать файлы размером до {{limitMb}} МБ; для файлов большего размера используйте NCALayer.',
    'name-too-long': 'Переместите файл в папку с более коротким путём или сократите его имя, затем сохраните копию снова.',
    'disk-full': 'Освободите место на диске и сохраните копию снова.',
    'copy-failed': 'Документ зарегистрирован в SIGEX, не хватает только копии. Попробуйте сохранить её снова.',
    'qr-expired': 'Запросите новый QR-код и отсканируйте его за отведённое время.',
    'requirements-not-met': 'Подписант: ИИН {{iin}}, БИН {{bin}}.',
  },
  technicalDetails: 'Технические подробности: {{details}}',
  unknownSigexKey: 'Ошибка SIGEX: {{key}}',
  ncaServicesHint:
    'Проблема может быть связана со сторонними сервисами, например со службами OCSP или TSP НУЦ РК. Текущее состояние этих сервисов можно проверить на странице статуса внешних сервисов.',
  sigex: {
    'OCSP server problem': {
      message: 'Служба проверки статуса сертификатов (OCSP) НУЦ РК не ответила, поэтому подпись не удалось проверить.',
      description: 'Обычно это временная проблема. Повторите попытку через несколько минут.',
    },
    'TSP server problem': {
      message: 'Служба меток времени (TSP) НУЦ РК не ответила.',
      description: 'Обычно это временная проблема. Повторите попытку через несколько минут.',
    },
    'Signature does not correspond to the document': {
      message: 'Подпись не соответствует документу.',
      description: 'Возможно, файл был изменён после подписания. Подпишите его заново.',
    },
    'Request body is too large': {
      message: 'Файл слишком большой для SIGEX.',
    },
    'HTTP Content-Length request header not set': {
      message: 'Не удалось загрузить файл в SIGEX: не указан размер данных.',
      description: 'Повторите попытку. Если ошибка повторится, обратитесь в техническую поддержку.',
    },
    'Document signatures limit reached': {
      message: 'Достигнуто ограничение на количество подписей под документом.',
    },
    'Signature does not conform to document settings requirements': {
      message: 'Подпись не соответствует требованиям к подписантам, указанным в настройках документа.',
      description: 'Подписант не входит в список допустимых или уже подписал документ.',
    },
    'This signature has already been submitted': {
      message: 'Эта подпись уже зарегистрирована в SIGEX.',
    },
    'Signer certificate expired or not yet valid': {
      message: 'Срок действия сертификата подписанта истёк или ещё не наступил.',
      description: 'Подпишите документ действующим сертификатом.',
    },
    'Too many notification email addresses provided': {
      message: 'Указано слишком много адресов электронной почты для уведомлений.',
      description: 'Уберите часть получателей.',
    },
    'One of the provided notification email addresses is in invalid format': {
      message: 'Один из адресов электронной почты для уведомлений указан в неверном формате.',
      description: 'Проверьте написание адресов.',
    },
    'Request rate limit reached': {
      message: 'Слишком много запросов к SIGEX за короткое время.',
      description: 'Подождите минуту и повторите попытку.',
    },
    'Document not found': {
      message: 'Документ не найден в SIGEX.',
    },
    'Access denied': {
      message: 'Доступ к документу запрещён.',
      description: 'Доступ к документу ограничен его настройками.',
    },
    'Authentication required': {
      message: 'Для этой операции требуется вход в SIGEX.',
    },
    'Digests values update required': {
      message: 'Чтобы принять эту подпись, SIGEX необходимо повторно получить данные документа.',
      description: 'Повторите попытку: данные будут загружены ещё раз.',
    },
    'QR signing operation timeout': {
      message: 'Время ожидания подписания по QR-коду истекло.',
      description: 'Запросите новый QR-код и повторите попытку.',
    },
    'eGov mobile data exchange failed': {
      message: 'Не удалось обменяться данными с eGov mobile.',
      description: 'Подписание в приложении было отменено или завершилось ошибкой. Повторите попытку.',
    },
    'Too much users use QR signing': {
      message: 'Сейчас слишком много пользователей подписывают по QR-коду.',
      description: 'Повторите попытку через несколько минут.',
    },
  },
};

export default messages;
