// The number of indexed sentences, which every question's IDFs divide by. FTS5 keeps a row total
// in its 'averages' record, but a contentless_delete index (v2's sentences_fts) never lowers it on
// delete, so after replaced or removed articles it counts sentences that are gone. Counting
// millions of rows per question is too slow; counting deletes costs nothing on insert (deletes are
// rare: an edited article, a removal) and total = FTS5's total − deletes.
import type Database from 'better-sqlite3';

/** The SQL that reads FTS5's 'averages' record (id 1 of the index's data table), whose first varint is the row total. */
export const SENTENCE_AVERAGES_SQL = 'SELECT block FROM sentences_fts_data WHERE id = 1';

/** FTS5's own row total from its averages row; undefined when the index has never held a row. */
export function ftsRowTotal(row: { block: Buffer } | undefined): number | undefined {
  if (!row?.block?.length) return undefined;
  // SQLite varints are big-endian: seven bits per byte, high bit set on all but the last.
  let n = 0;
  for (const byte of row.block.subarray(0, 9)) {
    n = n * 128 + (byte & 0x7f);
    if (byte < 0x80) break;
  }
  return n;
}

/**
 * Migration v3: a one-row count of sentences deleted from the index, kept by the delete trigger,
 * and started at what earlier deletes already left in FTS5's total. Runs inside migrate()'s transaction.
 */
export function countSentenceDeletes(db: Database.Database): void {
  const stored = (db.prepare('SELECT count(*) AS n FROM sentence_spans').get() as { n: number }).n;
  const already = Math.max(0, (ftsRowTotal(db.prepare(SENTENCE_AVERAGES_SQL).get() as { block: Buffer } | undefined) ?? 0) - stored);
  db.exec(`
    CREATE TABLE sentence_deletes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    DROP TRIGGER sentence_spans_ad;
    CREATE TRIGGER sentence_spans_ad AFTER DELETE ON sentence_spans BEGIN
      DELETE FROM sentences_fts WHERE rowid = old.id;
      UPDATE sentence_deletes SET n = n + 1 WHERE id = 1;
    END;`);
  db.prepare('INSERT INTO sentence_deletes (id, n) VALUES (1, ?)').run(already);
}
