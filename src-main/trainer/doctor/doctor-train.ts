import type { DoctorResult } from '@shared/contract/doctor';
import { Rng } from '@shared/random';
import { detectFashionMnist } from '../../data/fashion-mnist';
import { readIdxPair } from '../../data/read-idx-file';

import type { Scalar, Tensor2D } from '@tensorflow/tfjs';

type Tf = typeof import('@tensorflow/tfjs');

const BATCH = 128;
const ROWS = BATCH * 8;

interface TrainingSet {
  name: string;
  x: Float32Array;
  labels: Int32Array;
  features: number;
}

/** 1,024 Fashion-MNIST training images where installed, else a seeded 10-class Gaussian set. */
async function trainingSet(): Promise<TrainingSet> {
  const files = detectFashionMnist();
  if (files !== null) {
    const images = await readIdxPair(files.train);
    const features = images.pixels.length / images.count;
    const x = Float32Array.from(images.pixels.subarray(0, ROWS * features), (p) => p / 255);
    return {
      name: 'Fashion-MNIST (first 1,024 training images)',
      x,
      labels: Int32Array.from(images.labels.subarray(0, ROWS)),
      features,
    };
  }
  const rng = Rng.fromSeed(7);
  const features = 64;
  const centres = Array.from({ length: 10 }, () =>
    Float32Array.from({ length: features }, () => rng.normal()),
  );
  const labels = Int32Array.from({ length: ROWS }, () => rng.integer(0, 10));
  const x = new Float32Array(ROWS * features);
  labels.forEach((label, row) => {
    const centre = centres[label] as Float32Array;
    for (let j = 0; j < features; j++) x[row * features + j] = (centre[j] as number) + rng.normal();
  });
  return { name: 'generated: 10 Gaussian classes, 64 features', x, labels, features };
}

/**
 * The doctor's fixed training: an MLP (features → 128 → 10, ReLU, batch norm) with Adam, seeded,
 * the same on every backend, so losses agree to float32 rounding where the backend is sound.
 */
export async function doctorTrain(tf: Tf, steps: number, device: string): Promise<DoctorResult> {
  const set = await trainingSet();
  const rng = Rng.fromSeed(11);
  const init = (rows: number, cols: number) =>
    tf.variable(
      tf.tensor2d(
        Float32Array.from({ length: rows * cols }, () => rng.normal(0, Math.sqrt(2 / rows))),
        [rows, cols],
      ),
    );
  const w1 = init(set.features, 128);
  const b1 = tf.variable(tf.zeros([128]));
  const gamma = tf.variable(tf.ones([128]));
  const beta = tf.variable(tf.zeros([128]));
  const w2 = init(128, 10);
  const b2 = tf.variable(tf.zeros([10]));
  const x = tf.tensor2d(set.x, [ROWS, set.features]);
  const y = tf.oneHot(tf.tensor1d(set.labels, 'int32'), 10).toFloat();
  const optimizer = tf.train.adam(1e-3);
  const forward = (input: Tensor2D) => {
    const h = tf.add(tf.matMul(input, w1), b1);
    const { mean, variance } = tf.moments(h, 0);
    const normal = tf.relu(tf.batchNorm(h, mean, variance, beta, gamma, 1e-5));
    return tf.add(tf.matMul(normal, w2), b2);
  };
  let finalLoss = NaN;
  let started = 0;
  let gpuBytes: number | null = null;
  const warmUp = Math.min(3, steps - 1);
  for (let step = 0; step < steps; step++) {
    if (step === warmUp) started = performance.now();
    const offset = (step % (ROWS / BATCH)) * BATCH;
    const loss = tf.tidy(
      () =>
        optimizer.minimize(
          () =>
            tf.losses.softmaxCrossEntropy(
              y.slice([offset, 0], [BATCH, 10]),
              forward(x.slice([offset, 0], [BATCH, set.features])),
            ) as Scalar,
          true,
        ) as Scalar,
    );
    finalLoss = (await loss.data())[0] as number;
    loss.dispose();
    const memory = tf.memory() as { numBytesAllocatedInGPU?: number };
    if (memory.numBytesAllocatedInGPU !== undefined) {
      gpuBytes = Math.max(gpuBytes ?? 0, memory.numBytesAllocatedInGPU);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    backend: tf.getBackend(),
    device,
    data: set.name,
    steps,
    batchSize: BATCH,
    finalLoss,
    samplesPerSecond: Math.round(((steps - warmUp) * BATCH) / seconds),
    gpuBytes,
  };
}
