import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { opsbook, projectRoot } from "../helpers/cli.ts";
import { scratch } from "../helpers/ingest-files.ts";

const bigRows = 250_000;
let exportsDir: string;
const work = scratch("opsbook-crash-");

/** Two exports: a small orders file loads first (its summary line tells us the big file has started). */
beforeAll(() => {
  exportsDir = join(work.dir, "exports");
  mkdirSync(exportsDir);
  writeFileSync(join(exportsDir, "a_订单.csv"), "订单号,用户ID,下单时间,实付金额,订单状态\nA1,u1,2026-11-18 10:00:00,10,待支付\nA2,u2,2026-11-18 10:00:00,20,待支付\n");
  const lines = ["distinct_id,event,time,$os,$url,product"];
  for (let i = 0; i < bigRows; i++) lines.push(`u${i % 30000},浏览页面,2026-10-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")},ios,/item/${i % 977},p${i}`);
  writeFileSync(join(exportsDir, "b_神策_events.csv"), lines.join("\n") + "\n");
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the small file's summary line to the end of the process. */
  bigFileMs?: number;
}

/** Runs `opsbook ingest`; with killAfterMs, SIGKILLs it that long after the big file started. */
function ingest(db: string, { killAfterMs, extra = [] }: { killAfterMs?: number; extra?: string[] } = {}, onBigStart?: () => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/opsbook.mjs", "ingest", "--exports", exportsDir, "--db", db, ...extra], { cwd: projectRoot, env: { ...process.env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    let started: number | undefined;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      stdout += d;
      if (started === undefined && stdout.includes("a_订单.csv")) {
        started = Date.now();
        onBigStart?.();
        if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr, bigFileMs: started === undefined ? undefined : Date.now() - started }));
  });
}

async function state(db: string) {
  const w = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai" });
  try {
    const [row] = await queryRows(w.connection, {
      sql: `select (select count(*) from orders) as orders, (select count(*) from events) as events,
              (select count(*) from ingest_log where file = 'b_神策_events.csv') as logged, (select count(*) from rejects) as rejects`
    });
    return row;
  } finally {
    w.close();
  }
}

describe("crash safety and the warehouse lock", () => {
  it("kill -9 during a file leaves the warehouse at the state before or after that file, never between", { timeout: 300_000 }, async () => {
    // An uninterrupted run first: the after-state, and how long the big file takes here and now.
    const full = await ingest(join(work.dir, "full.duckdb"));
    expect(full.code).toBe(0);
    const after = { orders: 2, events: bigRows, logged: 1, rejects: 0 };
    const before = { orders: 2, events: 0, logged: 0, rejects: 0 };
    expect(await state(join(work.dir, "full.duckdb"))).toEqual(after);
    const span = full.bigFileMs!;

    // Kill at several points through the big file: reading, parsing, inserting, committing.
    const outcomes: string[] = [];
    for (const [i, share] of [0.15, 0.5, 0.9].entries()) {
      const db = join(work.dir, `killed-${i}.duckdb`);
      const run = await ingest(db, { killAfterMs: Math.round(span * share) });
      const s = await state(db); // opening replays DuckDB's write-ahead log, as the next command would
      if (run.signal === "SIGKILL") {
        expect([before, after]).toContainEqual(s);
        outcomes.push(s.events === 0 ? "before" : "after");
      } else {
        expect(s).toEqual(after); // it finished before the kill landed
        outcomes.push("finished");
      }
      // The next ingest completes the job: the file once, never twice.
      const again = await ingest(db);
      expect(again.code).toBe(0);
      expect(await state(db)).toEqual(after);
    }
    // At least one kill landed while the big file was being loaded (not merely before or after the process).
    expect(outcomes).toContain("before");
  });

  it("a second ingest waits for the lock, then fails clearly without touching the warehouse", { timeout: 300_000 }, async () => {
    const db = join(work.dir, "locked.duckdb");
    // A first load, then another process holds the warehouse open for writing (as a running
    // ingest would) for as long as the test needs: no race with how fast the machine is.
    expect((await ingest(db)).code).toBe(0);
    const before = await state(db);
    const holder = spawn(process.execPath, ["--input-type=module", "-e",
      `import { DuckDBInstance } from "@duckdb/node-api"; const i = await DuckDBInstance.create(${JSON.stringify(db)}); await i.connect(); console.log("ready"); setInterval(() => {}, 1000);`], { cwd: projectRoot });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d) => String(d).includes("ready") && resolve());
      holder.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    try {
      writeFileSync(join(exportsDir, "c_订单.csv"), "订单号,用户ID,下单时间,实付金额,订单状态\nC1,u3,2026-11-18 10:00:00,30,待支付\n");
      const second = opsbook(["ingest", "--exports", exportsDir, "--db", db, "--wait", "1"]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/opsbook ingest: the warehouse .*locked\.duckdb is in use by another process \(pid \d+\), probably another `opsbook ingest`; waited 1 s/);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
      rmSync(join(exportsDir, "c_订单.csv"), { force: true });
    }
    expect(await state(db)).toEqual(before);
  });
});
