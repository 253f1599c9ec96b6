import type { Db } from '../database';

/** One schema change. `version` is the `user_version` the database has after `up` ran. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
