import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * Where each database source stopped: the watermark and key of the last row committed. It lives
 * in the warehouse and changes in the same transaction as the rows, so it never runs ahead of them.
 */
export interface SourceState {
  source: string;
  /** What the position refers to (table or query, watermark, key); a changed definition makes it meaningless. */
  definition: string;
  /** Watermark value then key values of the last loaded row, as the source database printed them. */
  position: string[];
  rowsLoaded: number;
  rowsRejected: number;
  updatedAt: string;
}

export async function ensureSourceState(connection: DuckDBConnection): Promise<void> {
  await connection.run(`create table if not exists source_state (
    source        varchar primary key,
    definition    varchar not null,
    position      json not null,
    rows_loaded   bigint not null,
    rows_rejected bigint not null,
    updated_at    timestamptz default current_timestamp
  )`);
}

export async function readSourceState(connection: DuckDBConnection, source: string): Promise<SourceState | undefined> {
  const reader = await connection.runAndReadAll(
    `select definition, position::varchar as position, rows_loaded, rows_rejected, strftime(updated_at, '%Y-%m-%d %H:%M:%S') as updated_at from source_state where source = $source`,
    { source }
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return undefined;
  return {
    source,
    definition: String(row.definition),
    position: JSON.parse(String(row.position)) as string[],
    rowsLoaded: Number(row.rows_loaded),
    rowsRejected: Number(row.rows_rejected),
    updatedAt: String(row.updated_at)
  };
}

/** Call inside the batch's transaction. */
export async function writeSourceState(connection: DuckDBConnection, state: Omit<SourceState, "updatedAt">): Promise<void> {
  await connection.run(`delete from source_state where source = $source`, { source: state.source });
  await connection.run(`insert into source_state (source, definition, position, rows_loaded, rows_rejected) values ($source, $definition, $position, $loaded, $rejected)`, {
    source: state.source,
    definition: state.definition,
    position: JSON.stringify(state.position),
    loaded: state.rowsLoaded,
    rejected: state.rowsRejected
  });
}

export async function resetSourceState(connection: DuckDBConnection, source: string): Promise<void> {
  await connection.run(`delete from source_state where source = $source`, { source });
}
