import { dirname } from 'node:path';
import type { LabHandlers } from '@shared/contract/lab-api';
import { exportModel } from '../../export/export-model';
import { checkOutputFile, outputError } from '../../export/output-paths';
import type { LabContext } from '../lab-context';

type ExportHandlers = Pick<LabHandlers, 'export.model' | 'export.metricsCsv'>;

export function exportHandlers({ store }: LabContext): ExportHandlers {
  const dataDir = dirname(store.file);
  return {
    'export.model': async (request) => exportModel(store, request),
    'export.metricsCsv': async ({ source, path, overwrite }) => {
      await checkOutputFile(path, { dataDir, overwrite: overwrite === true });
      return store.queries.writeMetricsCsv(source, path).catch((error: unknown) => {
        throw outputError(error, path);
      });
    },
  };
}
