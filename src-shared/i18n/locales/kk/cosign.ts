// kk: -SigexId файлының құжат карточкасы және менің қолтаңбамды қосу.
import type { CosignMessages } from '../en/cosign';

const messages: CosignMessages = {
  title: 'SIGEX құжаты',
  loading: 'Құжат SIGEX-тен жүктелуде…',
  titleLabel: 'Атауы',
  idLabel: 'Құжат идентификаторы',
  signatures: 'Қолтаңбалар ({{count}})',
  limit: 'Қолтаңбалар шегі: {{total}} / {{limit}}',
  noLimit: 'Қолтаңбалар саны шектелмеген',
  uniqueIin: 'Бір адамнан бір қолтаңба',
  uniqueBin: 'Ұйымнан бір өкіл',
  requirements: 'Қол қоюшыларға қойылатын талаптар: {{count}}',
  iin: 'ЖСН {{iin}}',
  bin: 'БСН {{bin}}',
  tsp: 'уақыт белгісі',
  ocsp: 'OCSP',
  noTsp: 'уақыт белгісі жоқ',
  noOcsp: 'OCSP жоқ',
  matchTrue: 'Бұл файл тіркелген құжатпен дәл сәйкес келеді (SHA-256 сәйкес).',
  matchFalse: 'Бұл файл тіркелген құжатпен сәйкес КЕЛМЕЙДІ: оның мазмұны SIGEX-те тіркелгеннен өзгеше.',
  matchNull: 'SIGEX құжат хешін хабарламады: бұл файлды тіркелген құжатпен салыстыру мүмкін болмады.',
  openPage: 'Құжат бетін ашу',
  addSignature: 'Менің қолтаңбамды қосу',
  adding: 'NCALayer терезесінде кілтті таңдап, PIN-кодты енгізіңіз…',
  added: 'Қолтаңбаңыз қосылды. Файл қайта аталмады: оның атауында SIGEX идентификаторы бар.',
  saveCard: 'Құжат карточкасын сақтау (PDF)',
  cardSaved: 'Құжат карточкасы сақталды: {{name}}',
  checkFailed: 'Құжатты көрсету мүмкін болмады.',
};

export default messages;
