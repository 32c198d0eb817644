// en: the outbox (signed files waiting for SIGEX), the history, and quitting while they wait.
import type { Strings } from './common';

const messages = {
  quit: {
    title: 'Files are still being registered',
    message_one: '{{count}} signed file is not registered in SIGEX yet.',
    message_other: '{{count}} signed files are not registered in SIGEX yet.',
    detail: 'Their signatures are saved. They will be registered the next time SIGEX Desktop starts.',
    quit: 'Quit',
    stay: 'Stay',
  },
} as const;

export type OutboxMessages = Strings<typeof messages>;
export default messages;
