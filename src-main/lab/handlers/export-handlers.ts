import type { LabHandlers } from '@shared/contract/lab-api';
import { exportModel } from '../../export/export-model';
import type { LabContext } from '../lab-context';

type ExportHandlers = Pick<LabHandlers, 'export.model' | 'export.metricsCsv'>;

export function exportHandlers({ store }: LabContext): ExportHandlers {
  return {
    'export.model': async (request) => exportModel(store, request),
    'export.metricsCsv': async ({ source, path }) => store.queries.writeMetricsCsv(source, path),
  };
}
