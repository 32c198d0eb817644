/**
 * The packaged binary's fuses (npm run dist, then SIGEX_PACKAGED_APP=<executable> npm run
 * test:electron). The config runs this file only when SIGEX_PACKAGED_APP is set: a source
 * checkout has no packaged binary whose fuses could be read.
 */
import { expect, test } from '@playwright/test';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';

const packaged = process.env.SIGEX_PACKAGED_APP ?? '';

test('fuses of the packaged binary', async () => {
  const wire = await getCurrentFuseWire(packaged);
  const ENABLE = 49; // '1' in the fuse wire (@electron/fuses FuseState.ENABLE)
  const on = (o: FuseV1Options) => (wire[o] as unknown as number) === ENABLE;
  expect(on(FuseV1Options.RunAsNode)).toBe(false);
  expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
  expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
  expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
  expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
  expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
  expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
});
