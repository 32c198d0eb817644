// ru: очередь (подписанные файлы, ждущие SIGEX), история и выход, пока они ждут.
import type { OutboxMessages } from '../en/outbox';

const messages: OutboxMessages = {
  quit: {
    title: 'Файлы ещё регистрируются',
    message_one: '{{count}} подписанный файл ещё не зарегистрирован в SIGEX.',
    message_other: 'Подписанных файлов, ещё не зарегистрированных в SIGEX: {{count}}.',
    detail: 'Их подписи сохранены. Они будут зарегистрированы при следующем запуске SIGEX Desktop.',
    quit: 'Выйти',
    stay: 'Остаться',
  },
};

export default messages;
