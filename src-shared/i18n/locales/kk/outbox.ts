// kk: кезек (SIGEX-ті күтіп тұрған қол қойылған файлдар), тарих және олар күтіп тұрғанда шығу.
import type { OutboxMessages } from '../en/outbox';

const messages: OutboxMessages = {
  quit: {
    title: 'Файлдар әлі тіркелуде',
    message_one: 'Қол қойылған {{count}} файл SIGEX-те әлі тіркелмеген.',
    message_other: 'SIGEX-те әлі тіркелмеген қол қойылған файлдар: {{count}}.',
    detail: 'Олардың қолтаңбалары сақталды. Олар SIGEX Desktop келесі рет іске қосылғанда тіркеледі.',
    quit: 'Шығу',
    stay: 'Қалу',
  },
};

export default messages;
