import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { migrate } from './migrate';
import type { Migration } from './migrations/migration';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

function freshDb(): Db {
  return openDatabase(path.join(tempDir(), 'basin.sqlite'));
}

const createT: Migration = {
  version: 1,
  name: 'create t',
  up: (db) => db.exec('CREATE TABLE t (a INTEGER) STRICT'),
};
const addColumn: Migration = {
  version: 2,
  name: 'add b',
  up: (db) => db.exec('ALTER TABLE t ADD COLUMN b INTEGER'),
};
const broken: Migration = {
  version: 2,
  name: 'half done',
  up: (db) => {
    db.exec('ALTER TABLE t ADD COLUMN b INTEGER');
    db.exec('THIS IS NOT SQL');
  },
};

describe('migrate', () => {
  it('opens in WAL mode with foreign keys on', () => {
    const db = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('applies only the migrations the database lacks', () => {
    const db = freshDb();
    expect(migrate(db, { migrations: [createT, addColumn], to: 1 })).toEqual([1]);
    expect(migrate(db, { migrations: [createT, addColumn] })).toEqual([2]);
    expect(migrate(db, { migrations: [createT, addColumn] })).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('rolls a failing migration back whole, leaving the previous version', () => {
    const db = freshDb();
    expect(() => migrate(db, { migrations: [createT, broken] })).toThrow(/syntax error/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const columns = db.prepare<[], string>(`SELECT name FROM pragma_table_info('t')`).pluck().all();
    expect(columns).toEqual(['a']);
    db.close();
  });

  it('refuses a database written by a newer Basin', () => {
    const db = freshDb();
    db.pragma('user_version = 5');
    expect(() => migrate(db, { migrations: [createT] })).toThrow(
      /schema version 5, newer than this Basin knows \(1\)/,
    );
    db.close();
  });

  it('refuses migrations numbered out of order', () => {
    const db = freshDb();
    expect(() => migrate(db, { migrations: [addColumn] })).toThrow(
      /"add b" is number 2 but sits at position 1/,
    );
    db.close();
  });
});
