/**
 * The outbox as the window sees it: signed files waiting for SIGEX, live from main
 * (`outbox:update`), with "retry now" and "discard".
 */
import { create } from 'zustand';
import type { OutboxItemView } from '../../src-main/ipc/contract';
import { logWarning, sigex } from './app';

interface OutboxState {
  items: OutboxItemView[];
  load(): Promise<void>;
  apply(items: OutboxItemView[]): void;
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
}

export const useOutboxStore = create<OutboxState>()((set) => ({
  items: [],
  load: async () => {
    try {
      set({ items: await sigex().listOutbox() });
    } catch (e) {
      logWarning('could not list the outbox', e);
    }
  },
  apply: (items) => set({ items }),
  retry: async (id) => {
    await sigex().retryOutbox(id);
  },
  discard: async (id) => {
    await sigex().discardOutbox(id);
    set((s) => ({ items: s.items.filter((i) => i.id !== id) }));
  },
}));
