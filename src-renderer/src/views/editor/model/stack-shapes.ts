import { layerSchema } from '@shared/experiment/model';
import { inferModelShape, type LayerShape, type ModelShape } from '@shared/experiment/shapes';

export interface StackShapes {
  /** Shapes of the layers from the top down to the first one that does not parse or fit. */
  model: ModelShape;
  /** The first layer whose settings do not parse, or null; shapes stop above it. */
  firstUnreadable: number | null;
}

/**
 * Output shapes and parameter counts while the stack is being edited: the shared shape inference
 * runs on the layers above the first one whose settings are invalid, so the layers that are fine
 * keep their numbers while another is being fixed.
 */
export function stackShapes(
  layers: readonly unknown[],
  inputShape: readonly number[],
): StackShapes {
  const parsed = [];
  let firstUnreadable: number | null = null;
  for (const [index, layer] of layers.entries()) {
    const result = layerSchema.safeParse(layer);
    if (!result.success) {
      firstUnreadable = index;
      break;
    }
    parsed.push(result.data);
  }
  return { model: inferModelShape(parsed, inputShape), firstUnreadable };
}

export function shapeAt(shapes: StackShapes, index: number): LayerShape | null {
  return shapes.model.layers[index] ?? null;
}

export function describeShape(shape: readonly number[]): string {
  return `[${shape.join(' × ')}]`;
}
