// kk: ортақ мәтіндер (күй жолағы, батырмалар, өлшемдер, сілтемелер). Кілттер en-мен бірдей.
import type { CommonMessages } from '../en/common';

const messages: CommonMessages = {
  appName: 'SIGEX Desktop',
  loading: 'Жүктелуде…',
  actions: {
    cancel: 'Болдырмау',
    retry: 'Қайталау',
    tryAgain: 'Қайталап көру',
    startOver: 'Басынан бастау',
    close: 'Жабу',
    copy: 'Көшіру',
    copied: 'Көшірілді',
    copyFailed: 'Көшіру мүмкін болмады',
    openFolder: 'Қалтаны ашу',
    saveCopy: 'Көшірмесін сақтау',
    remove: 'Алып тастау',
    removeFile: '{{name}} файлын тізімнен алып тастау',
  },
  /** One wording for an untrusted NCALayer certificate: status bar, panel and Settings. */
  ncalayerUntrusted: 'NCALayer сертификатына сенім жоқ',
  statusBar: {
    label: 'Қосылым күйі',
    signingService: 'Қол қою қызметі:',
    serviceVersion: '{{service}} {{version}}',
    checking: 'тексерілуде…',
    notDetected: 'табылмады',
    kaztokenWaiting: 'KAZTOKEN mobile күтілуде',
    kaztokenTokenWaiting: 'KAZTOKEN күтілуде',
    serviceError: 'қате',
    sigex: 'SIGEX:',
    online: 'қолжетімді',
    offline: 'байланыс жоқ',
    sigexError: 'қолжетімсіз',
    recheck: 'Қосылымды тексеру',
    language: 'Интерфейс тілі',
    settings: 'Баптаулар',
  },
  size: {
    bytes: '{{value}} Б',
    kb: '{{value}} КБ',
    mb: '{{value}} МБ',
    gb: '{{value}} ГБ',
  },
  links: {
    documentPage: 'Құжат беті',
    verifyPage: 'Тексеру беті',
    opensInBrowser: '(браузерде ашылады)',
  },
  notices: {
    settingsReset: 'Сақталған баптауларды оқу мүмкін болмады, сондықтан олар әдепкі мәндерге қайтарылды.',
  },
};

export default messages;
