import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import { chunkRows } from './dialect.js';
import type { Database } from './schema.js';

/** What to do when a row's key is already stored. */
export type OnConflict<C extends string = string> =
  | { readonly kind: 'error' }
  | { readonly kind: 'nothing' }
  /** Replace these columns from the incoming row; with `whereNewer`, only when its column is strictly larger. */
  | {
      readonly kind: 'update';
      readonly key: readonly C[];
      readonly columns: readonly C[];
      readonly whereNewer?: C;
    };

/**
 * A multi-row INSERT written as SQL text with its parameters, not through the query builder: building
 * one node per value costs more than the database's own work on batches of thousands of rows. Column and
 * table names come from our code, never from input; values are always bound parameters.
 */
export async function bulkInsert<K extends keyof Database & string>(
  db: Kysely<Database>,
  table: K,
  columns: readonly (keyof Database[K] & string)[],
  rows: readonly Database[K][],
  maxParameters: number,
  onConflict: OnConflict<keyof Database[K] & string> = { kind: 'error' },
): Promise<void> {
  if (rows.length === 0) return;
  const numbered = usesNumberedParameters(db);
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const tail = conflictClause(table, onConflict);
  for (const chunk of chunkRows(rows, columns.length, maxParameters)) {
    const parameters: unknown[] = new Array(chunk.length * columns.length);
    const tuples: string[] = new Array(chunk.length);
    let p = 0;
    for (let r = 0; r < chunk.length; r++) {
      const row = chunk[r] as unknown as Record<string, unknown>;
      const marks: string[] = new Array(columns.length);
      for (let c = 0; c < columns.length; c++) {
        parameters[p] = row[columns[c] as string] ?? null;
        p++;
        marks[c] = numbered ? `$${p}` : '?';
      }
      tuples[r] = `(${marks.join(', ')})`;
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', ') + tail, parameters));
  }
}

/** Whether the engine writes parameters $1, $2, … (PostgreSQL) rather than ? (SQLite). */
export function usesNumberedParameters(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function conflictClause(table: string, onConflict: OnConflict): string {
  switch (onConflict.kind) {
    case 'error':
      return '';
    case 'nothing':
      return ' on conflict do nothing';
    case 'update': {
      const set = onConflict.columns.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ');
      const where = onConflict.whereNewer
        ? ` where ${quote(table)}.${quote(onConflict.whereNewer)} < excluded.${quote(onConflict.whereNewer)}`
        : '';
      return ` on conflict (${onConflict.key.map(quote).join(', ')}) do update set ${set}${where}`;
    }
    default: {
      const unreachable: never = onConflict;
      throw new Error(`unknown conflict rule ${JSON.stringify(unreachable)}`);
    }
  }
}

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  return `"${name}"`;
}
