import { openWarehouse, type OpenOptions, type Warehouse } from "../warehouse/open-warehouse.ts";

/**
 * Opens the warehouse for writing, waiting a little if another process holds it. DuckDB's own file
 * lock is the lock: only one writer can open the file, so a second `opsbook ingest` can never
 * interleave with the first; it waits `waitMs`, then fails with a message naming the holder.
 */
export async function openExclusive(options: OpenOptions, waitMs = 5000): Promise<Warehouse> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await openWarehouse(options);
    } catch (error) {
      const message = (error as Error).message;
      const held = /Could not set lock|Conflicting lock/i.test(message);
      if (!held) throw error;
      if (Date.now() >= deadline) {
        const pid = /PID (\d+)/.exec(message)?.[1];
        throw new Error(
          `the warehouse ${options.dbPath} is in use by another process${pid ? ` (pid ${pid})` : ""}, probably another \`opsbook ingest\`; ` +
            `waited ${Math.round(waitMs / 1000)} s. Try again when it has finished (nothing was changed).`
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
