import { initial } from './0001_initial';
import type { Migration } from './migration';

/** Every migration in order; version n sits at index n − 1. */
export const migrations: readonly Migration[] = [initial];
