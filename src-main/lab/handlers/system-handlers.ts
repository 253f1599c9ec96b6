import type { LabHandlers } from '@shared/contract/lab-api';
import type { SystemInfoSource } from '../../system/system-info';

export function systemHandlers(systemInfo: SystemInfoSource): Pick<LabHandlers, 'system.info'> {
  return { 'system.info': () => systemInfo() };
}
