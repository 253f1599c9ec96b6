import type { LayerType } from '@shared/experiment/model';

/** One input of a layer's settings, as LayerSettings.svelte draws it; `field` is the spec field. */
export type LayerField =
  | {
      input: 'text';
      field: string;
      label: string;
      kind?: 'size' | 'numbers';
      hint?: string;
      /** Shown while the field is empty: the default that then applies. */
      placeholder?: string;
    }
  | { input: 'activation'; field: 'activation'; fallback?: string }
  | { input: 'padding'; field: 'padding' }
  | { input: 'initializer'; field: string; label: string; fallback: string }
  | { input: 'check'; field: string; label: string; fallback: boolean; hint?: string }
  | { input: 'note'; text: string };

export interface LayerForm {
  /** Shown in the layer's card. */
  main: readonly LayerField[];
  /** Rarely changed: folded under "More settings" until one of them has a problem. */
  more: readonly LayerField[];
}

const activation: LayerField = { input: 'activation', field: 'activation' };
const padding: LayerField = { input: 'padding', field: 'padding' };
const frozen: LayerField = {
  input: 'check',
  field: 'frozen',
  label: 'Frozen',
  fallback: false,
  hint: 'Keep the weights loaded from a checkpoint.',
};
const weights: readonly LayerField[] = [
  {
    input: 'initializer',
    field: 'kernelInitializer',
    label: 'Kernel initializer',
    fallback: 'glorotUniform',
  },
  { input: 'initializer', field: 'biasInitializer', label: 'Bias initializer', fallback: 'zeros' },
  { input: 'text', field: 'l1', label: 'L1 regularization', placeholder: '0' },
  { input: 'text', field: 'l2', label: 'L2 regularization', placeholder: '0' },
  { input: 'check', field: 'useBias', label: 'Use a bias', fallback: true },
  frozen,
];

/**
 * The editor's form for each layer type: the renderer's part of the layer kinds (the rest is
 * `@shared/experiment/layer-kinds`), typed over every type so a new one needs its form.
 */
export const LAYER_FORMS: Record<LayerType, LayerForm> = {
  dense: { main: [{ input: 'text', field: 'units', label: 'Units' }, activation], more: weights },
  conv2d: {
    main: [
      { input: 'text', field: 'filters', label: 'Filters' },
      {
        input: 'text',
        field: 'kernelSize',
        label: 'Kernel size',
        kind: 'size',
        hint: '3, or height, width',
      },
      { input: 'text', field: 'strides', label: 'Strides', kind: 'size', placeholder: '1' },
      padding,
      activation,
    ],
    more: weights,
  },
  maxPool2d: {
    main: [
      { input: 'text', field: 'poolSize', label: 'Pool size', kind: 'size', placeholder: '2' },
      {
        input: 'text',
        field: 'strides',
        label: 'Strides',
        kind: 'size',
        placeholder: 'the pool size',
      },
      padding,
    ],
    more: [],
  },
  flatten: {
    main: [{ input: 'note', text: 'Flattens its input into one vector; no settings.' }],
    more: [],
  },
  reshape: {
    main: [
      {
        input: 'text',
        field: 'targetShape',
        label: 'Target shape',
        kind: 'numbers',
        hint: 'e.g. 28, 28, 1',
      },
    ],
    more: [],
  },
  dropout: {
    main: [
      {
        input: 'text',
        field: 'rate',
        label: 'Dropout rate',
        hint: 'Share of units dropped, 0 to below 1.',
      },
    ],
    more: [],
  },
  batchNorm: {
    main: [
      { input: 'text', field: 'momentum', label: 'Momentum', placeholder: '0.99' },
      { input: 'text', field: 'epsilon', label: 'Epsilon', placeholder: '0.001' },
    ],
    more: [frozen],
  },
  activation: {
    main: [{ input: 'activation', field: 'activation', fallback: 'relu' }],
    more: [],
  },
};
