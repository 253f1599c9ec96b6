/**
 * The trainer benchmark's baseline: the same MLP trained by the plainest TF.js loop (tf.layers
 * model, tf.train.adam, optimizer.minimize, data resident as one tensor, one loss read per epoch),
 * on the backend the trainer chose. `--trainer-kernels` installs the trainer's faster wasm
 * BatchMatMul first, so Basin's own overhead can be told apart from its kernel speed-up. Prints
 * one JSON line: training samples per second. Started through trainer-bare-tfjs.ts.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { installWasmBatchMatMul } from '../src-main/trainer/backend/wasm-batch-matmul';
import { readFashionMnist } from './trainer-fashion-mnist';

const BATCH = 128;

async function useBackend(name: string): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  }
  if (name === 'tensorflow' || name === 'tensorflow-gpu') {
    const native: string =
      name === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
    await import(native);
  }
  await tf.setBackend(name === 'tensorflow-gpu' ? 'tensorflow' : name);
  await tf.ready();
}

function model(): tf.Sequential {
  const net = tf.sequential();
  net.add(tf.layers.dense({ inputShape: [784], units: 256 }));
  net.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
  net.add(tf.layers.activation({ activation: 'relu' }));
  net.add(tf.layers.dropout({ rate: 0.2 }));
  net.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  net.add(tf.layers.dropout({ rate: 0.2 }));
  net.add(tf.layers.dense({ units: 10 }));
  return net;
}

export default async function bareLoop(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      backend: { type: 'string', default: 'wasm' },
      epochs: { type: 'string', default: '3' },
      samples: { type: 'string', default: '54000' },
      folder: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
      'trainer-kernels': { type: 'boolean', default: false },
    },
  });
  const epochs = Number(values.epochs);
  await useBackend(values.backend);
  if (values['trainer-kernels']) installWasmBatchMatMul();
  const data = readFashionMnist(values.folder, Number(values.samples), 0);
  const n = data.train.count;
  const x = tf.tensor2d(data.train.x, [n, 784]);
  const y = tf.oneHot(tf.tensor1d(data.train.labels, 'int32'), 10).toFloat();
  const net = model();
  const optimizer = tf.train.adam(1e-3);
  const rates: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = tf.util.createShuffledIndices(n);
    const started = performance.now();
    let loss: tf.Scalar | null = null;
    for (let start = 0; start < n; start += BATCH) {
      const rows = tf.tensor1d(
        Int32Array.from(order.subarray(start, Math.min(n, start + BATCH))),
        'int32',
      );
      const xb = tf.gather(x, rows);
      const yb = tf.gather(y, rows);
      loss?.dispose();
      loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(yb, net.apply(xb, { training: true }) as tf.Tensor),
        true,
      );
      tf.dispose([rows, xb, yb]);
    }
    await loss?.data();
    loss?.dispose();
    rates.push((n / (performance.now() - started)) * 1000);
  }
  // The first epoch pays for kernel compilation and warm-up; the rest are the steady state.
  const steady = rates.length > 1 ? rates.slice(1) : rates;
  console.log(
    JSON.stringify({
      backend: tf.getBackend(),
      samplesPerSecond: steady.reduce((a, b) => a + b, 0) / steady.length,
    }),
  );
}
