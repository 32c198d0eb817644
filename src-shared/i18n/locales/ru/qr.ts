// ru: подписание в eGov mobile / eGov Business по QR-коду (и тексты о KAZTOKEN mobile).
import type { QrMessages } from '../en/qr';

const messages: QrMessages = {
  title: 'Подписание в eGov mobile',
  scan: 'Отсканируйте этот QR-код в приложении eGov mobile или eGov Business.',
  alsoScan: 'Также вы можете отсканировать этот QR-код в приложении eGov mobile или eGov Business',
  imageAlt: 'QR-код для подписания в eGov mobile или eGov Business',
  expiresIn: 'QR-код действителен ещё {{time}}',
  expired: 'Срок действия QR-кода истёк.',
  newQr: 'Новый QR-код',
  renewed: 'Срок действия QR-кода истёк, пока его никто не отсканировал; показан новый (автоматическая замена {{done}} из {{max}}).',
  renewing: 'Срок действия QR-кода истёк. Получаем новый…',
  deepLinks:
    'Ссылки для мобильных устройств: для eGov mobile (физическое лицо), для eGov Business (юридическое лицо). На компьютерах и ноутбуках они работать не будут!',
  egovMobileLink: 'eGov mobile (физическое лицо)',
  egovBusinessLink: 'eGov Business (юридическое лицо)',
  copyLink: 'Скопировать ссылку для {{app}}',
  waitingEgov: 'Ожидание подписи из eGov',
  waitingHint: 'Подтвердите подписание в приложении eGov на телефоне.',
  integration: 'Встроить в информационную систему возможность подписания ЭЦП через QR-коды и ссылки очень просто с помощью нашего API.',
  kaztoken: {
    waiting: 'Ожидание подписи из KAZTOKEN mobile',
    notAvailable:
      'Подписание с помощью KAZTOKEN mobile недоступно, так как KAZTOKEN mobile не обнаружен на вашем мобильном устройстве. Установить KAZTOKEN mobile можно из Google Play, также можно ознакомиться с инструкцией по KAZTOKEN mobile. Если KAZTOKEN mobile установлен, но наш портал показывает эту ошибку, обратитесь в нашу техническую поддержку.',
    /** The desktop app's own words (the seed's sentence above speaks as the web page). */
    notAvailableApp:
      'Подписание с помощью KAZTOKEN mobile недоступно, так как KAZTOKEN mobile не обнаружен на вашем мобильном устройстве. Установить KAZTOKEN mobile можно из Google Play. Если он установлен, откройте его на телефоне и попробуйте снова или подпишите в eGov mobile по QR-коду.',
    waitingHint: 'Откройте KAZTOKEN mobile на телефоне и подтвердите подписание.',
    /** NCALayer named the KAZTOKEN storage: a USB token on this computer, or the app (both true). */
    waitingToken: 'Подтвердите подпись на токене KAZTOKEN или в приложении KAZTOKEN',
    waitingTokenHint:
      'Если токен KAZTOKEN подключён к этому компьютеру, введите его PIN-код в окне на этом компьютере. Если вы подписываете в приложении KAZTOKEN на телефоне, подтвердите подписание там.',
    files: 'Файлов на подпись: {{count}}',
  },
};

export default messages;
