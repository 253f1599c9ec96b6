import * as tf from '@tensorflow/tfjs';

const installed = new WeakSet<tf.KernelFunc>();

/**
 * Puts `wrap(original)` in place of the wasm backend's own kernel `name` once the backend is
 * initialised (the original's setup has run, so the wrapper may delegate to it); returns false
 * when there is nothing to do (no such wasm kernel, or already replaced).
 */
export function replaceWasmKernel(
  name: string,
  wrap: (original: tf.KernelConfig) => tf.KernelConfig,
): boolean {
  const current = tf.getKernel(name, 'wasm');
  if (current === undefined || installed.has(current.kernelFunc)) return false;
  const replacement = wrap(current);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(replacement);
  installed.add(replacement.kernelFunc);
  return true;
}
