import type { LabHandlers } from '@shared/contract/lab-api';
import type { LabContext } from '../lab-context';

type CurveHandlers = Pick<LabHandlers, 'curves.get' | 'curves.bands'>;

export function curveHandlers({ store }: LabContext): CurveHandlers {
  return {
    'curves.get': async (query) => ({ curves: store.queries.curves(query) }),
    'curves.bands': async (query) => ({ bands: store.queries.bands(query) }),
  };
}
