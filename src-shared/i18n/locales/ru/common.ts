// ru: общие тексты (строка состояния, кнопки, размеры, ссылки). Ключи совпадают с en.
import type { CommonMessages } from '../en/common';

const messages: CommonMessages = {
  appName: 'SIGEX Desktop',
  loading: 'Загрузка…',
  actions: {
    cancel: 'Отменить',
    retry: 'Повторить',
    tryAgain: 'Попробовать снова',
    startOver: 'Начать сначала',
    close: 'Закрыть',
    copy: 'Копировать',
    copied: 'Скопировано',
    copyFailed: 'Не удалось скопировать',
    openFolder: 'Открыть папку',
    saveCopy: 'Сохранить копию',
    remove: 'Убрать',
    removeFile: 'Убрать {{name}} из списка',
  },
  /** One wording for an untrusted NCALayer certificate: status bar, panel and Settings. */
  ncalayerUntrusted: 'Сертификату NCALayer нет доверия',
  statusBar: {
    label: 'Состояние подключения',
    signingService: 'Служба подписания:',
    serviceVersion: '{{service}} {{version}}',
    checking: 'проверка…',
    notDetected: 'не обнаружена',
    kaztokenWaiting: 'ожидание KAZTOKEN mobile',
    kaztokenTokenWaiting: 'ожидание KAZTOKEN',
    serviceError: 'ошибка',
    sigex: 'SIGEX:',
    online: 'доступен',
    offline: 'нет связи',
    sigexError: 'недоступен',
    recheck: 'Проверить подключение',
    language: 'Язык интерфейса',
    settings: 'Настройки',
  },
  size: {
    bytes: '{{value}} Б',
    kb: '{{value}} КБ',
    mb: '{{value}} МБ',
    gb: '{{value}} ГБ',
  },
  links: {
    documentPage: 'Страница документа',
    verifyPage: 'Страница проверки',
    opensInBrowser: '(откроется в браузере)',
  },
  notices: {
    settingsReset: 'Не удалось прочитать сохранённые настройки, поэтому они сброшены к значениям по умолчанию.',
  },
};

export default messages;
