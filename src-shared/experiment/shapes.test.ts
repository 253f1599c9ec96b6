import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-model-shapes.json';
import { layerSchema } from './model';
import { inferModelShape, specModelShape } from './shapes';
import { resolve } from './resolve';

const layers = (input: unknown[]) => input.map((layer) => layerSchema.parse(layer));

describe('inferModelShape against PyTorch', () => {
  for (const testCase of fixture.cases) {
    it(testCase.name, () => {
      const shape = inferModelShape(layers(testCase.layers), testCase.inputShape);
      expect(shape.problem).toBeNull();
      expect(
        shape.layers.map(({ outputShape, params, trainableParams }) => ({
          outputShape,
          params,
          trainableParams,
        })),
      ).toEqual(testCase.expected);
      const total = testCase.expected.reduce((sum, layer) => sum + layer.params, 0);
      const trainable = testCase.expected.reduce((sum, layer) => sum + layer.trainableParams, 0);
      expect(shape.totalParams).toBe(total);
      expect(shape.trainableParams).toBe(trainable);
      expect(shape.nonTrainableParams).toBe(total - trainable);
      expect(shape.outputShape).toEqual(testCase.expected.at(-1)?.outputShape);
    });
  }

  it('counts the 784-256-128-10 MLP as 235,146 and adds 4 per batch-norm channel', () => {
    const [plain, withBatchNorm] = fixture.cases;
    expect(inferModelShape(layers(plain?.layers ?? []), [784]).totalParams).toBe(235_146);
    const shape = inferModelShape(layers(withBatchNorm?.layers ?? []), [784]);
    expect(shape.totalParams).toBe(235_146 + 4 * (256 + 128));
    expect(shape.nonTrainableParams).toBe(2 * (256 + 128));
  });
});

describe('inferModelShape problems', () => {
  it('stops at a conv2d on a flat input and suggests a reshape', () => {
    const shape = inferModelShape(
      layers([
        { type: 'dense', units: 784 },
        { type: 'conv2d', filters: 8, kernelSize: 3 },
        { type: 'dense', units: 1 },
      ]),
      [10],
    );
    expect(shape.layers).toHaveLength(1);
    expect(shape.outputShape).toBeNull();
    expect(shape.problem).toMatchObject({ layerIndex: 1, field: 'type' });
    expect(shape.problem?.message).toContain('"targetShape": [28, 28, 1]');
  });

  it('asks for a flatten before a dense layer on an image', () => {
    const shape = inferModelShape(layers([{ type: 'dense', units: 4 }]), [28, 28, 1]);
    expect(shape.problem?.message).toContain('"type": "flatten"');
  });

  it('rejects a kernel larger than its valid-padded input and a reshape that changes the size', () => {
    expect(
      inferModelShape(layers([{ type: 'conv2d', filters: 1, kernelSize: 5 }]), [4, 4, 1]).problem,
    ).toMatchObject({
      field: 'kernelSize',
    });
    expect(
      inferModelShape(layers([{ type: 'reshape', targetShape: [5, 5] }]), [24]).problem,
    ).toMatchObject({
      field: 'targetShape',
    });
  });

  it('takes the input shape from the built-in catalog', () => {
    const spec = resolve({
      schemaVersion: 1,
      name: 'shape',
      data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
      model: { layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] },
    });
    expect(specModelShape(spec)?.totalParams).toBe(784 * 10 + 10);
    const csv = resolve({ ...spec, data: { source: { kind: 'csv', path: 'a.csv', target: 'y' } } });
    expect(specModelShape(csv)).toBeNull();
    expect(
      specModelShape(csv, { task: 'binary', inputShape: [3], classCount: 2 })?.inputShape,
    ).toEqual([3]);
  });
});
