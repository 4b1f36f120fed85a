import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

// CSV exports are parsed straight from DuckDB's reader, with no staged text copy: a row's line
// comes from its place in the file. These cases check those lines against hand-placed bad rows.
const header = "distinct_id,event,time,$session_id,$os,$url,$utm_source,product";
const good = (i: number) => `u${i % 97},浏览页面,2026-10-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:00:${String(i % 60).padStart(2, "0")},s${i},ios,/item/${i},抖音,p${i}`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "opsbook-scan-"));
});
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Lines 2…n+1 are good rows; `bad` replaces some of them (line → text). */
function eventsCsv(n: number, bad: Record<number, string>): string {
  const lines = [header];
  for (let line = 2; line <= n + 1; line++) lines.push(bad[line] ?? good(line));
  return lines.join("\n") + "\n";
}

describe("ingesting a CSV export in one pass", () => {
  const bad = {
    4: "u1,浏览页面,2026-10-01 10:00:00", // ragged: the reader skips it
    7: "u2,浏览页面,not a time,s,ios,/a,抖音,p", // unparseable time
    9: ",浏览页面,2026-10-01 10:00:00,s,ios,/a,抖音,p", // no user
    10: 'u3,"浏览\n页面",2026-10-01 11:00:00,quoted,ios,/a,抖音,p' // a quoted line break: one row, on lines 10–11
  };

  it("rejects bad rows with their own line, also after a line the reader skipped", async () => {
    const w = await memoryWarehouse();
    const result = await ingestFile(w.connection, file("神策_events_a.csv", eventsCsv(12, bad)), builtinPresets);
    expect(result).toMatchObject({ status: "loaded", preset: "sensors-events", rowsLoaded: 9, rowsRejected: 3 });
    const rejects = await w.rows("select line, raw, reason from rejects order by line");
    expect(rejects.map((r) => r.line)).toEqual([4, 7, 9]);
    expect(String(rejects[0].reason)).toMatch(/MISSING COLUMNS/);
    expect(rejects[1].reason).toBe("time: cannot parse not a time");
    expect(rejects[2].reason).toBe("distinct_id: missing value");
    // The raw row is the file's own cells, as text.
    expect(JSON.parse(String(rejects[1].raw))).toMatchObject({ distinct_id: "u2", time: "not a time", product: "p" });
    const rows = await w.rows("select user_id, strftime(ts, '%Y-%m-%d %H:%M:%S') as ts, properties->>'product' as product from events where session_id = 'quoted'");
    expect(rows).toEqual([{ user_id: "u3", ts: "2026-10-01 11:00:00", product: "p" }]);
    expect((await w.rows("select count(*)::int as n from events"))[0].n).toBe(9);
  });

  it("gives the same lines for the same rows saved as GB18030 and as gzip", async () => {
    for (const [name, bytes] of [
      ["神策_events_gbk.csv", iconv.encode(eventsCsv(12, bad), "gb18030")],
      ["神策_events_gz.csv.gz", gzipSync(eventsCsv(12, bad))]
    ] as const) {
      const w = await memoryWarehouse();
      expect(await ingestFile(w.connection, file(name, bytes), builtinPresets)).toMatchObject({ rowsLoaded: 9, rowsRejected: 3 });
      expect((await w.rows("select line from rejects order by line")).map((r) => r.line)).toEqual([4, 7, 9]);
      expect((await w.rows("select count(*)::int as n from events where event = '浏览页面'"))[0].n).toBe(8);
    }
  });

  it("finds bad rows at the right line in a file DuckDB reads in several parallel pieces", async () => {
    // ~13 MB: larger than one reader buffer, so rows come from several threads and must stay in order.
    const n = 200_000;
    const far = { 2: "u1,浏览页面,yesterday,s,ios,/a,抖音,p", 100_001: "u1,浏览页面", 150_003: "u1,浏览页面,never,s,ios,/a,抖音,p", [n + 1]: "u1,浏览页面,later,s,ios,/a,抖音,p" };
    const w = await memoryWarehouse();
    const result = await ingestFile(w.connection, file("神策_events_big.csv", eventsCsv(n, far)), builtinPresets);
    expect(result).toMatchObject({ rowsLoaded: n - 4, rowsRejected: 4 });
    const rejects = await w.rows("select line, reason from rejects order by line");
    expect(rejects.map((r) => [r.line, String(r.reason).split(" ")[0]])).toEqual([[2, "time:"], [100_001, "MISSING"], [150_003, "time:"], [n + 1, "time:"]]);
    expect(String(rejects[2].reason)).toBe("time: cannot parse never");
  });

  it("keeps the first of two equal events in one file, by line", async () => {
    const w = await memoryWarehouse();
    // Same user, event, time and properties: one event; the session of the first line stays.
    const content = [header, "u1,下单,2026-10-01 10:00:00,first,ios,/a,抖音,p1", "u2,下单,2026-10-01 10:00:00,other,ios,/a,抖音,p1", "u1,下单,2026-10-01 10:00:00,second,android,/b,抖音,p1"].join("\n") + "\n";
    expect(await ingestFile(w.connection, file("神策_events_dup.csv", content), builtinPresets)).toMatchObject({ rowsLoaded: 3, rowsRejected: 0 });
    expect(await w.rows("select user_id, session_id from events order by user_id")).toEqual([{ user_id: "u1", session_id: "first" }, { user_id: "u2", session_id: "other" }]);
  });

  it("recognises a copy under another name when no hash was given in advance, and stores nothing twice", async () => {
    const w = await memoryWarehouse();
    const content = eventsCsv(5, {});
    expect(await ingestFile(w.connection, file("神策_events_1.csv", content), builtinPresets)).toMatchObject({ status: "loaded", rowsLoaded: 5 });
    const again = await ingestFile(w.connection, file("神策_events_copy.csv", content), builtinPresets);
    expect(again).toMatchObject({ status: "unchanged", rowsLoaded: 0, message: "same content as 神策_events_1.csv, already loaded" });
    expect(await w.rows("select (select count(*) from events)::int as events, (select count(*) from ingest_log)::int as log")).toEqual([{ events: 5, log: 1 }]);
  });
  it("stores an event of an overlapping re-export once, also when it has no properties", async () => {
    const w = await memoryWarehouse();
    const plain = "distinct_id,event,time";
    const rows = ["u1,浏览页面,2026-10-01 10:00:00", "u2,浏览页面,2026-10-01 11:00:00", "u3,下单,2026-10-02 09:00:00", "u4,下单,2026-10-03 09:00:00"];
    await ingestFile(w.connection, file("神策_events_w1.csv", [plain, ...rows.slice(0, 3)].join("\n") + "\n"), builtinPresets);
    // The re-export repeats two events and adds one; a different time is a different event.
    const again = await ingestFile(w.connection, file("神策_events_w1b.csv", [plain, ...rows.slice(1), "u1,浏览页面,2026-10-01 10:00:01"].join("\n") + "\n"), builtinPresets);
    expect(again).toMatchObject({ status: "loaded", rowsLoaded: 4 });
    expect(await w.rows("select user_id, source_file from events order by ts")).toEqual([
      { user_id: "u1", source_file: "神策_events_w1.csv" },
      { user_id: "u1", source_file: "神策_events_w1b.csv" },
      { user_id: "u2", source_file: "神策_events_w1.csv" },
      { user_id: "u3", source_file: "神策_events_w1.csv" },
      { user_id: "u4", source_file: "神策_events_w1b.csv" }
    ]);
  });
});
