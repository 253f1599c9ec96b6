import { megabytes } from '@shared/devices/engine-text';
import type { MemoryNeeds } from '@shared/devices/gpu-memory';
import { TrainerFailure } from '../trainer-failure';

/** The part of a WebGPU device (Dawn's GPUDevice) that reports errors nobody scoped. */
export interface GpuErrorSource {
  addEventListener(type: 'uncapturederror', listener: (event: { error: GpuError }) => void): void;
}

/** A GPUError: GPUOutOfMemoryError, GPUValidationError or GPUInternalError. */
export interface GpuError {
  readonly message: string;
  readonly constructor: { readonly name: string };
}

/**
 * WebGPU reports an allocation it could not make (and any other device error) on the device, not
 * by throwing: TF.js's webgpu backend opens no error scope, so a buffer Dawn could not allocate
 * becomes an invalid buffer and training would go on with garbage. The trainer keeps the first such
 * error and fails the run on it at the next epoch end, or in place of whatever it caused to throw.
 * One trainer process trains one run, so one watch per process.
 */
export class GpuErrorWatch {
  #first: GpuError | null = null;
  #needs: MemoryNeeds | null = null;

  watch(device: GpuErrorSource): void {
    device.addEventListener('uncapturederror', (event) => {
      this.#first ??= event.error;
    });
  }

  /** What the model needs by Basin's estimate, for the out-of-memory message. */
  describeNeeds(needs: MemoryNeeds): void {
    this.#needs = needs;
  }

  /** The failure the first device error makes of the run; null while the device reported none. */
  failure(): TrainerFailure | null {
    const error = this.#first;
    if (error === null) return null;
    if (error.constructor.name !== 'GPUOutOfMemoryError') {
      return new TrainerFailure(
        'internal',
        `The GPU reported an error while training: ${error.message}`,
      );
    }
    const needs = this.#needs;
    const estimate =
      needs === null
        ? ''
        : `the model needs about ${megabytes(needs.totalBytes)} (its largest tensor, ${needs.largestWhat}, about ${megabytes(needs.largestBytes)}), `;
    return new TrainerFailure(
      'out_of_memory',
      `Out of GPU memory while training: ${estimate}more than the adapter allows with what else holds its memory (Dawn: ${error.message}). Use a smaller model or batch, fewer runs per GPU, or another backend.`,
    );
  }

  /** Throws the run's failure at a point where training would otherwise go on. */
  throwIfFailed(): void {
    const failure = this.failure();
    if (failure !== null) throw failure;
  }
}

/** This trainer's watch. */
export const gpuErrors = new GpuErrorWatch();
