import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-label';

const known: Record<string, string> = {
  'training.epochs': 'Epochs',
  'model.layers[0].units': 'Units',
  'strategy.swa': 'Average weights (SWA)',
};
const labelOf = (path: string) => known[path];

describe('fieldLabel', () => {
  it('uses the label of the field that edits the path', () => {
    expect(fieldLabel('training.epochs', labelOf)).toBe('Epochs');
  });

  it('numbers a layer from 1 in front of its field', () => {
    expect(fieldLabel('model.layers[0].units', labelOf)).toBe('Layer 1 · Units');
    expect(fieldLabel('model.layers[2].rate', labelOf)).toBe('Layer 3 · Rate');
  });

  it('falls back to the nearest labelled field around it, else spells the name out', () => {
    expect(fieldLabel('strategy.swa.annealEpochs', () => undefined)).toBe('Anneal epochs');
    expect(fieldLabel('strategy.swa', labelOf)).toBe('Average weights (SWA)');
    expect(fieldLabel('strategy.swa.bogus', labelOf)).toBe('Average weights (SWA)');
  });
});
