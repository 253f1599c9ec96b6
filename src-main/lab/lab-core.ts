import { mkdirSync } from 'node:fs';
import type { LabHandlers } from '@shared/contract/lab-api';
import { createSystemInfoSource } from '../system/system-info';
import { createLabEventBus, type LabEventBus } from './events';
import { systemHandlers } from './system-handlers';

export interface LabCoreOptions {
  /** Where the lab keeps its database, checkpoints and exports; created when missing. */
  dataDir: string;
  /** The built TF.js backend probe, out/main/probe.js. */
  probeScript: string;
}

/** The lab core every front door (Electron, browser mode, CLI, tests) drives. */
export interface LabCore {
  readonly dataDir: string;
  /** One handler per LabApi method; each area of the lab contributes its own. */
  readonly handlers: LabHandlers;
  readonly events: LabEventBus;
}

export function createLabCore(options: LabCoreOptions): LabCore {
  mkdirSync(options.dataDir, { recursive: true });
  const handlers: LabHandlers = {
    ...systemHandlers(createSystemInfoSource({ probeScript: options.probeScript })),
  };
  return { dataDir: options.dataDir, handlers, events: createLabEventBus() };
}
