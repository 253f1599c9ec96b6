import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import {
  I32,
  instantiateOver,
  loopTo,
  op,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * The gradient through a relu, dz = dy · step(y) with y the relu's output, in one SIMD pass where
 * TF.js runs Step, then Multiply (two passes over the layer's whole output, plus a Cast inside
 * TF.js's own relu gradient). The same multiply by 1 or 0, so results are the same bits as
 * `mul(dy, step(y))`. Basin's dense and conv2d training ops use it where the backend has it
 * (`reluBackprop`), and the two ops otherwise.
 */
export const RELU_BACKPROP = 'BasinReluBackprop';

const PARAMS = ['dy', 'y', 'out', 'size'] as const;

function reluBackpropFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const i = PARAMS.length;
  const at = (base: (typeof PARAMS)[number], scale: number): Bytes => [
    ...p(base), ...op.get(i), ...op.i32(scale), ...op.i32Shl, ...op.i32Add,
  ]; // prettier-ignore
  const [zero, one] = [op.f32x4Const(0), op.f32x4Const(1)];
  // prettier-ignore
  const body: Bytes = [
    ...loopTo(i, [...p('size'), ...op.i32(2), ...op.i32ShrU], [
      ...at('out', 4),
      ...at('dy', 4), ...op.v128Load,
      ...at('y', 4), ...op.v128Load, ...zero, ...op.f32x4Gt, ...one, ...op.v128And,
      ...op.f32x4Mul, ...op.v128Store,
    ]),
    // The last size mod 4 values, one by one.
    ...op.get(i), ...op.i32(2), ...op.i32Shl, ...op.set(i),
    ...op.block, ...op.loop,
    ...op.get(i), ...p('size'), ...op.i32GeU, ...op.brIf(1),
    ...at('out', 2),
    ...at('dy', 2), ...op.f32Load,
    ...at('y', 2), ...op.f32Load, ...op.f32Zero, ...op.f32Gt, ...op.f32ConvertI32U,
    ...op.f32Mul, ...op.f32Store,
    ...op.get(i), ...op.i32(1), ...op.i32Add, ...op.set(i), ...op.br(0),
    ...op.end, ...op.end,
  ];
  return {
    name: 'reluBackprop',
    params: PARAMS.map((): ValueType => I32),
    locals: [I32],
    body,
  };
}

function reluBackprop(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, y } = args.inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const run = instantiateOver(heapMemory(backend), reluBackpropFunction);
  if (run === null) throw new Error(`${RELU_BACKPROP} needs WebAssembly SIMD`);
  const out = backend.makeOutput(dy.shape, 'float32');
  const size = tf.util.sizeFromShape(dy.shape);
  run(heapOffset(backend, dy), heapOffset(backend, y), heapOffset(backend, out), size);
  return out;
}

export const wasmReluBackpropKernel: tf.KernelConfig = {
  kernelName: RELU_BACKPROP,
  backendName: 'wasm',
  kernelFunc: reluBackprop,
};
