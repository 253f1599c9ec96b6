import Database from 'better-sqlite3';

export type Db = Database.Database;

/** How long a connection waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;
/** Page cache per connection, in KiB: enough to keep the pages of every active curve hot. */
const CACHE_KIB = 65_536;
/** Reads of up to this many bytes of the file go through a memory map instead of read calls. */
const MMAP_BYTES = 1 << 30;

/**
 * Opens a connection with the settings every Basin connection relies on: WAL so readers never block
 * the writer, synchronous NORMAL (a committed transaction survives a crash of the process; only a
 * power loss may drop the last ones), and foreign keys enforced.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (options.readonly === true) return openReadOnly(file);
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new Error(
        `${file}: SQLite refused write-ahead logging (journal_mode is ${String(mode)})`,
      );
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A connection that cannot write: it leaves the journal mode, the file and its schema as found. */
function openReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  return db;
}
