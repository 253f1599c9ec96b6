import type { LabHandlers } from '@shared/contract/lab-api';
import type { Landscapes } from '../landscape/landscapes';

type LandscapeHandlers = Pick<LabHandlers, 'landscape.start' | 'landscape.get'>;

export function landscapeHandlers(landscapes: Landscapes): LandscapeHandlers {
  return {
    'landscape.start': async (params) => landscapes.start(params),
    'landscape.get': async ({ id }) => landscapes.get(id),
  };
}
