/**
 * The outbox worker's pass: one record's unexpected failure does not stop the records after it.
 */
import type { OutboxItemView } from '../../src-shared/model';
import { OutboxWorker } from '../../src-main/core/outbox/worker';
import type { Deliveries } from '../../src-main/core/signing/deliveries';

function item(id: string): OutboxItemView {
  return { id, state: 'queued', nextAttemptAt: null } as unknown as OutboxItemView;
}

test('a record whose delivery throws is logged, and the next records are still delivered in the same pass', async () => {
  const delivered: string[] = [];
  const log: string[] = [];
  const deliveries = {
    list: async () => [item('ob_a'), item('ob_b'), item('ob_c')],
    deliverRecord: async (id: string) => {
      delivered.push(id);
      if (id === 'ob_a') throw new Error('EBUSY: record held by a scanner');
      return 'missing' as const;
    },
  } as unknown as Deliveries;
  const worker = new OutboxWorker(deliveries, { ping: async () => false, log: (m) => log.push(m) });
  worker.start();
  await worker.idle();
  worker.stop();
  expect(delivered).toEqual(['ob_a', 'ob_b', 'ob_c']);
  expect(log.some((m) => m.includes('ob_a') && m.includes('EBUSY'))).toBe(true);
});
