// kk: eGov mobile / eGov Business қосымшасында QR код арқылы қол қою (және KAZTOKEN mobile мәтіндері).
import type { QrMessages } from '../en/qr';

const messages: QrMessages = {
  title: 'eGov mobile арқылы қол қою',
  scan: 'Осы QR кодты eGov mobile немесе eGov Business қосымшасымен сканерлеңіз.',
  alsoScan: 'Сондай-ақ осы QR кодты eGov mobile немесе eGov Business қосымшасымен сканерлей аласыз',
  imageAlt: 'eGov mobile немесе eGov Business арқылы қол қоюға арналған QR код',
  expiresIn: 'QR кодтың қолданылу уақыты: тағы {{time}}',
  expired: 'QR кодтың қолданылу мерзімі өтіп кетті.',
  newQr: 'Жаңа QR код',
  renewed: 'QR код сканерленгенше оның мерзімі өтіп кетті; жаңасы көрсетілді (автоматты ауыстыру: {{done}}/{{max}}).',
  renewing: 'QR кодтың қолданылу мерзімі өтіп кетті. Жаңасын алып жатырмыз…',
  deepLinks:
    'Мобильді құрылғыларға арналған сілтемелер: eGov mobile үшін (жеке тұлға), eGov Business үшін (заңды тұлға). Олар компьютерлер мен ноутбуктерде жұмыс істемейді!',
  egovMobileLink: 'eGov mobile (жеке тұлға)',
  egovBusinessLink: 'eGov Business (заңды тұлға)',
  copyLink: '{{app}} сілтемесін көшіру',
  waitingEgov: 'eGov-тан қолтаңба күтілуде',
  waitingHint: 'Телефоныңыздағы eGov қосымшасында қол қоюды растаңыз.',
  integration: 'QR кодтар мен сілтемелер арқылы ЭЦҚ-мен қол қою мүмкіндігін ақпараттық жүйеге біздің API көмегімен енгізу өте оңай.',
  kaztoken: {
    waiting: 'KAZTOKEN mobile-дан қолтаңба күтілуде',
    notAvailable:
      'KAZTOKEN mobile арқылы қол қою қолжетімсіз, себебі мобильді құрылғыңызда KAZTOKEN mobile табылмады. KAZTOKEN mobile қосымшасын Google Play-ден орнатуға болады, сондай-ақ KAZTOKEN mobile нұсқаулығымен танысуға болады. Егер KAZTOKEN mobile орнатылған болса да, біздің портал осы қатені көрсетсе, техникалық қолдау қызметімізге хабарласыңыз.',
    /** The desktop app's own words (the seed's sentence above speaks as the web page). */
    notAvailableApp:
      'KAZTOKEN mobile арқылы қол қою қолжетімсіз, себебі мобильді құрылғыңызда KAZTOKEN mobile табылмады. KAZTOKEN mobile қосымшасын Google Play-ден орнатуға болады. Егер ол орнатылған болса, оны телефоныңызда ашып, қайталап көріңіз немесе eGov mobile арқылы QR кодпен қол қойыңыз.',
    waitingHint: 'Телефоныңызда KAZTOKEN mobile қосымшасын ашып, қол қоюды растаңыз.',
    /** NCALayer named the KAZTOKEN storage: a USB token on this computer, or the app (both true). */
    waitingToken: 'Қолтаңбаны KAZTOKEN токенінде немесе KAZTOKEN қосымшасында растаңыз',
    waitingTokenHint:
      'Егер KAZTOKEN токені осы компьютерге қосылған болса, оның PIN кодын осы компьютердегі терезеге енгізіңіз. Егер телефондағы KAZTOKEN қосымшасы арқылы қол қойсаңыз, қол қоюды сонда растаңыз.',
    files: 'Қол қойылатын файлдар саны: {{count}}',
  },
};

export default messages;
