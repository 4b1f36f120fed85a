import { ipcStreams } from "./ipc-streams.js";

/** The part of DuckDB-WASM's AsyncDuckDB this needs (Framework's DuckDBClient keeps one as `_db`). */
export interface ArrowInsertDatabase {
  connect(): Promise<{
    insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; schema?: string; create?: boolean }): Promise<void>;
    close(): Promise<void>;
  }>;
}

export interface LoadState {
  /** Rows inserted so far. */
  rows: number;
  /** "waiting" before the first chunk is queryable, "partial" while more arrive, then "complete". */
  phase: "waiting" | "partial" | "complete" | "failed";
  error?: string;
}

export interface ChunkedTableLoad {
  /** The state now. */
  readonly state: LoadState;
  /** Calls `listener` with the current state at once and on every change; returns an unsubscribe. */
  subscribe(listener: (state: LoadState) => void): () => void;
  /** Like subscribe, but only when the phase changes: queries re-run twice, not once a chunk. */
  subscribePhase(listener: (phase: LoadState["phase"]) => void): () => void;
}

/**
 * Streams a chunked Arrow file (see src/site/explore-data.ts) into table `name`, one chunk at a
 * time. Each chunk's bytes are handed over (transferred, not copied) to DuckDB-WASM's worker, which
 * decodes and stores them; the page keeps no copy, so memory holds DuckDB's table and about two
 * chunks in flight, not the file, a decoded Arrow table and DuckDB's table at once. The next chunk
 * downloads while DuckDB inserts the previous one. `db` may still be starting: the download begins
 * at once and waits (the network holds it back) until DuckDB-WASM can take the first chunk.
 */
export function loadChunkedTable(db: ArrowInsertDatabase | Promise<ArrowInsertDatabase>, url: string, { name }: { name: string }): ChunkedTableLoad {
  let state: LoadState = { rows: 0, phase: "waiting" };
  const listeners = new Set<(state: LoadState) => void>();
  const update = (next: Partial<LoadState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener(state);
  };

  (async () => {
    const download = fetch(url);
    const connection = await (await db).connect();
    try {
      const response = await download;
      if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
      let inserting: Promise<void> | null = null;
      let rows = 0;
      let first = true;
      for await (const { bytes, rows: chunkRows } of ipcStreams(response.body)) {
        await inserting;
        const insert = connection.insertArrowFromIPCStream(bytes, { name, create: first });
        first = false;
        inserting = insert.then(() => update({ rows: (rows += chunkRows), phase: "partial" }));
      }
      await inserting;
      update({ phase: "complete" });
    } catch (error) {
      update({ phase: "failed", error: error instanceof Error ? error.message : String(error) });
    } finally {
      await connection.close();
    }
  })();

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    subscribePhase(listener) {
      let last: LoadState["phase"] | null = null;
      return this.subscribe((s) => s.phase !== last && listener((last = s.phase)));
    }
  };
}
