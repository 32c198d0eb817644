/**
 * Starts the NCALayer and SIGEX simulators on port 0 with a throw-away data directory and
 * work directory, and gives the environment (DESIGN.md contract) that points the app at them.
 * Used by integration tests, end-to-end tests and the demo.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPki } from '../simulators/fixtures';
import { startNcaLayerSimulator, type NcaLayerSim, type NcaLayerSimOptions } from '../simulators/ncalayer-sim';
import { startSigexSimulator } from '../simulators/sigex-sim';
import type { SigexSim, SigexSimOptions } from '../simulators/sigex-sim-types';
import { closedPort } from './test-utils';

export interface Harness {
  /** null when started with `ncalayer: false` (NCALAYER_URL then points at a closed port). */
  ncalayer: NcaLayerSim | null;
  sigex: SigexSim;
  root: string;
  dataDir: string;
  workDir: string;
  /** The test root CA, as NCALAYER_CA_FILE. */
  caFile: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  ncalayer?: NcaLayerSimOptions | false;
  sigex?: SigexSimOptions;
  /** Fixed directory instead of a temp one (demo). */
  root?: string;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const root = o.root ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-desktop-test-')));
  const dataDir = path.join(root, 'data');
  const workDir = path.join(root, 'work');
  await fsp.mkdir(dataDir, { recursive: true });
  await fsp.mkdir(workDir, { recursive: true });
  const caFile = path.join(root, 'test-root-ca.pem');
  await fsp.writeFile(caFile, loadPki().caCertPem);
  const ncalayer = o.ncalayer === false ? null : await startNcaLayerSimulator(o.ncalayer ?? {});
  const sigex = await startSigexSimulator(o.sigex ?? {});
  const ncalayerUrl = ncalayer ? ncalayer.url : `wss://127.0.0.1:${await closedPort()}/`;
  const env: NodeJS.ProcessEnv = {
    SIGEX_URL: sigex.url,
    NCALAYER_URL: ncalayerUrl,
    NCALAYER_CA_FILE: caFile,
    SIGEX_DESKTOP_DATA_DIR: dataDir,
  };
  return {
    ncalayer,
    sigex,
    root,
    dataDir,
    workDir,
    caFile,
    env,
    async stop() {
      await Promise.all([ncalayer?.stop(), sigex.stop()]);
      // A file still being written as the folder goes (an outbox record the app was saving when
      // it stopped) made rmdir fail with ENOTEMPTY under load: Node retries such removals.
      if (!o.root) await fsp.rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Writes a file into the harness's work directory and returns its path. */
export async function writeWorkFile(h: Harness, name: string, content: string | Buffer): Promise<string> {
  const file = path.join(h.workDir, name);
  await fsp.writeFile(file, content);
  return file;
}
