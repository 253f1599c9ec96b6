/**
 * Entry of a short-lived child process that tries one TF.js backend: load it, run a tiny matmul,
 * check the answer, send a BackendProbe to the parent over IPC and exit. Loading a native backend
 * can crash or hang a process, which is why this never runs in the lab core itself.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import {
  backendProbeRequestSchema,
  probeErrandSchema,
  type BackendName,
  type BackendProbe,
  type ProbeErrand,
} from '@shared/contract/system';
import { assertNever } from '@shared/contract/envelope';
import { openParentChannel } from '../child/parent-channel';
import { listWebgpuAdapters, openWebgpuAdapter } from '../child/webgpu-dawn';
import type { AdapterList } from './webgpu-adapters';

type Tf = typeof import('@tensorflow/tfjs');

const requireHere = createRequire(import.meta.url);

const nativePackages = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const;

/** The optional native packages are loaded by a name the bundler cannot see, so they stay optional. */
function requireNative(candidate: keyof typeof nativePackages): Tf {
  const name: string = nativePackages[candidate];
  try {
    return requireHere(name) as Tf;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${name}'`)) {
      throw new Error(
        `${name} is not installed (an optional dependency; its install downloads libtensorflow).`,
        { cause: error },
      );
    }
    throw new Error(`${name} could not load: ${message.split('\n')[0]?.trim()}`, { cause: error });
  }
}

async function loadWasm(): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // In Node the wasm binaries are read from disk: point the backend at the package's dist folder.
  const packageDir = dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  wasm.setWasmPaths(join(packageDir, 'dist') + sep);
  return tf;
}

async function load(candidate: BackendName): Promise<{ tf: Tf; backend: string }> {
  switch (candidate) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      return { tf: requireNative(candidate), backend: 'tensorflow' };
    case 'webgpu': {
      const opened = await openWebgpuAdapter();
      opened.install();
      await import('@tensorflow/tfjs-backend-webgpu');
      return { tf: await import('@tensorflow/tfjs'), backend: 'webgpu' };
    }
    case 'wasm':
      return { tf: await loadWasm(), backend: 'wasm' };
    case 'cpu':
      return { tf: await import('@tensorflow/tfjs'), backend: 'cpu' };
    default:
      return assertNever(candidate, 'backend candidate');
  }
}

async function probe(candidate: BackendName): Promise<Omit<BackendProbe, 'probeMs'>> {
  const { tf, backend } = await load(candidate);
  if (!(await tf.setBackend(backend))) {
    throw new Error(`TF.js could not initialise the ${backend} backend.`);
  }
  const productTensor = tf.tidy(() =>
    tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[5], [6]]),
    ),
  );
  // Asynchronous: a GPU backend (webgpu) cannot read back synchronously in Node.
  const product = await productTensor.data();
  productTensor.dispose();
  if (product[0] !== 17 || product[1] !== 39) {
    throw new Error(`a 2×2 matmul returned [${Array.from(product).join(', ')}], not [17, 39].`);
  }
  return { name: candidate, available: true, reason: null, tfjsVersion: tf.version_core };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The WebGPU adapters Dawn sees, for system.info. */
function listAdapters(): Promise<AdapterList> {
  return listWebgpuAdapters().then(
    (adapters) => ({
      adapters,
      reason: adapters.length === 0 ? 'Dawn found no WebGPU adapter.' : null,
    }),
    (error: unknown) => ({
      adapters: [],
      reason: `Dawn could not start: ${errorText(error)}`,
    }),
  );
}

/**
 * Fills a buffer of that size on the adapter this process's WebGPU gets and keeps it (the parent
 * ends the process), so the parent can see on which GPU nvidia-smi counts the memory.
 */
async function hold(megabytes: number): Promise<unknown> {
  try {
    const opened = await openWebgpuAdapter();
    await opened.hold(megabytes * 1024 * 1024);
    setInterval(() => undefined, 60_000);
    return { holding: opened.adapter };
  } catch (error) {
    return { error: errorText(error) };
  }
}

function runErrand(errand: ProbeErrand): Promise<unknown> {
  switch (errand.errand) {
    case 'adapters':
      return listAdapters();
    case 'hold':
      return hold(errand.megabytes);
    default:
      return assertNever(errand, 'probe errand');
  }
}

const channel = openParentChannel();
channel.onMessage((raw) => {
  void (async () => {
    const errand = probeErrandSchema.safeParse(raw);
    if (errand.success) {
      await channel.send(await runErrand(errand.data));
      if (errand.data.errand !== 'hold') process.exit(0);
      return;
    }
    const { backend: candidate } = backendProbeRequestSchema.parse(raw);
    const outcome = await probe(candidate).catch((error: unknown) => ({
      name: candidate,
      available: false,
      reason: error instanceof Error ? error.message : String(error),
      tfjsVersion: null,
    }));
    // performance.now() counts from this process's start, so the time includes loading TF.js.
    const message: BackendProbe = { ...outcome, probeMs: Math.round(performance.now()) };
    await channel.send(message);
    process.exit(0);
  })();
});
