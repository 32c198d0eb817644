/**
 * The CLI's outbox and history commands, and `sign` when SIGEX is not there, run as real
 * child processes against the simulators.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { OutboxStore } from '../../src-main/core/outbox/store';
import { registered } from '../simulators/sigex-test-client';
import { jsonLines, runCli, startCli } from '../support/cli';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(90_000);

let h: Harness;
afterEach(() => h?.stop());

const cli = (args: string[]) => runCli(args, h.env, h.workDir);

test('SIGEX down: sign exits 3 with "queued"; outbox lists it; outbox --retry registers it; history shows it', async () => {
  h = await startHarness();
  await h.sigex.goOffline();
  const a = await writeWorkFile(h, 'Счёт-фактура 12.pdf', 'invoice twelve');
  const signed = await cli(['sign', a, '--json']);
  expect(signed.code).toBe(3);
  expect(jsonLines(signed.stdout)).toEqual([
    { file: a, status: 'queued', error: { kind: 'network', message: expect.stringMatching(/SIGEX/) } },
  ]);

  const listed = await cli(['outbox', '--json']);
  expect(listed.code).toBe(0);
  expect(jsonLines(listed.stdout)).toMatchObject([{ file: a, status: 'queued', step: 'registering', error: { kind: 'network' } }]);

  // still offline: the retry leaves it queued (exit 3), nothing lost
  const stillDown = await cli(['outbox', '--retry', '--json']);
  expect(stillDown.code).toBe(3);
  expect(jsonLines(stillDown.stdout)).toMatchObject([{ file: a, status: 'queued' }]);

  await h.sigex.goOnline();
  const retried = await cli(['outbox', '--retry', '--json']);
  expect(retried.code).toBe(0);
  const [line] = jsonLines(retried.stdout);
  expect(line).toMatchObject({ file: a, status: 'registered' });
  expect(line!.copyPath).toBe(path.join(h.workDir, `Счёт-фактура 12-SigexId${line!.documentId}.pdf`));
  expect(h.sigex.documents()).toHaveLength(1);
  expect(h.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(1);
  expect(jsonLines((await cli(['outbox', '--json'])).stdout)).toEqual([]);

  const history = await cli(['history', '--json']);
  expect(history.code).toBe(0);
  const [entry] = jsonLines(history.stdout);
  expect(entry).toMatchObject({ file: a, documentId: line!.documentId, copyPath: line!.copyPath, method: 'ncalayer', kind: 'register' });
  expect(entry!.signer).toMatchObject({ name: expect.any(String), iin: expect.stringMatching(/^\d{12}$/) });
  expect(Date.parse(entry!.signedAt as string)).not.toBeNaN();
  expect(jsonLines((await cli(['history', '--json', '--since', '2999-01-01'])).stdout)).toEqual([]);
});

test('Ctrl+C during the upload: exit 3, the file stays queued at "registered", outbox --retry finishes it once', async () => {
  h = await startHarness();
  h.sigex.fault('data', { delayMs: 3_000 });
  const a = await writeWorkFile(h, 'a.pdf', 'interrupted');
  const run = startCli(['sign', a], h.env, h.workDir);
  // wait until the upload has started (its progress line is printed), then Ctrl+C
  const until = Date.now() + 30_000;
  while (!h.sigex.requests.some((r) => r.route === 'data') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  run.child.kill('SIGINT');
  const res = await run.done;
  expect(res.code).toBe(3);
  expect(res.stderr).toMatch(/queued/);
  const records = await new OutboxStore(h.dataDir).list();
  expect(records).toMatchObject([{ step: 'registered', state: 'queued' }]);
  const retried = await cli(['outbox', '--retry', '--json']);
  expect(retried.code).toBe(0);
  expect(h.sigex.documents()).toHaveLength(1);
  expect(h.sigex.documents()[0]!.dataUploaded).toBe(true);
});

test('Ctrl+C while a co-signature is being sent: exit 3, the signature stays queued, outbox --retry adds it once', async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
  const id = await registered(h.sigex, { content: Buffer.from('co-sign me'), title: 'act.pdf' });
  const file = await writeWorkFile(h, `act-SigexId${id}.pdf`, 'co-sign me');
  h.sigex.fault('addSignature', { delayMs: 3_000 });
  const run = startCli(['cosign', file], h.env, h.workDir);
  const until = Date.now() + 30_000;
  while (!h.sigex.requests.some((r) => r.route === 'addSignature') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  run.child.kill('SIGINT');
  const res = await run.done;
  expect(res.code).toBe(3);
  expect(await new OutboxStore(h.dataDir).list()).toMatchObject([{ kind: 'cosign', state: 'queued' }]);
  const retried = await cli(['outbox', '--retry', '--json']);
  expect(retried.code).toBe(0);
  // The delayed first attempt got through too: SIGEX holds ONE added signature, not two.
  expect(h.sigex.document(id)!.signatures).toHaveLength(2);
  expect(await new OutboxStore(h.dataDir).list()).toEqual([]);
});

test('sign a.pdf a.pdf: one document, both lines registered with its id, one copy', async () => {
  h = await startHarness();
  const a = await writeWorkFile(h, 'a.pdf', 'given twice');
  const r = await cli(['sign', a, 'a.pdf', '--json']);
  expect(r.code).toBe(0);
  const out = jsonLines(r.stdout);
  expect(out.map((l) => l.status)).toEqual(['registered', 'registered']);
  expect(out[0]!.documentId).toBe(out[1]!.documentId);
  expect(h.sigex.documents()).toHaveLength(1);
  expect((await fsp.readdir(h.workDir)).filter((n) => n.includes('SigexId'))).toHaveLength(1);
});

test('outbox and history usage errors exit 2 with the usage', async () => {
  h = await startHarness();
  for (const args of [
    ['outbox', '--bogus'],
    ['outbox', 'x'],
    ['history', '--since', 'yesterday-ish'],
    ['history', '--lang', 'de'],
  ]) {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage:/);
  }
});
