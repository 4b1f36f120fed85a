import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileFacts, paddingCheck } from "../../src/ingest/file-facts.ts";
import { ingestFile, loadStaged } from "../../src/ingest/ingest-file.ts";
import { loadCsvDirect } from "../../src/ingest/load-csv-direct.ts";
import { growingioEvents } from "../../src/ingest/presets/growingio-events.ts";
import { sensorsEvents } from "../../src/ingest/presets/sensors-events.ts";
import type { Preset } from "../../src/ingest/preset.ts";
import { scanCsv } from "../../src/ingest/scan-csv.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { stageFile } from "../../src/ingest/read-export.ts";
import { scratch, snapshot } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

// A clean CSV export goes straight from DuckDB's typed reader into `events` (load-csv-direct.ts).
// Each case compares it with the careful path, reached here through loadStaged (the path database
// sources take: a staged all-text table, parsed by parseRows), on the same bytes.
const files = scratch("opsbook-direct-");
const header = "distinct_id,event,time,$session_id,$os,$url,$utm_source,product";

async function careful(path: string, name: string, preset: Preset = sensorsEvents) {
  const w = await memoryWarehouse();
  const staged = await stageFile(w.connection, path, { displayName: name });
  const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
  await loadStaged(w.connection, { name, hash, preset, staged });
  return w;
}

async function bothWays(name: string, content: string, preset: Preset = sensorsEvents) {
  const path = files.file(name, content);
  const direct = await memoryWarehouse();
  const result = await ingestFile(direct.connection, path, builtinPresets);
  return { result, direct, careful: await careful(path, name, preset) };
}

/** Whether loadCsvDirect itself takes the file (rather than leaving it to the careful path). */
async function takenDirectly(path: string, name: string, preset: Preset) {
  const w = await memoryWarehouse();
  const scan = await scanCsv(w.connection, path, { name, tsv: false });
  try {
    await w.connection.run("begin transaction");
    return (await loadCsvDirect(w.connection, { name, preset, csv: scan, trim: true })) !== undefined;
  } finally {
    await w.connection.run("rollback");
    scan.release();
  }
}

describe("loading a clean CSV export directly", () => {
  it("stores what the careful path stores: times with and without offsets, empty cells, quoted text, custom properties", async () => {
    const rows = [
      "u1,浏览页面,2026-10-01 10:00:00,s1,ios,/a,抖音,p1",
      "u2,浏览商品,2026-10-01T10:00:00+00:00,s2,android,/b,小红书,",
      'u3,"加入购物车",2026/10/02 08:30:15.250,,web,"/c,d",,"p""x"""',
      "u4,提交订单,2026-10-03 00:00:00Z,s4,,/e,知乎,p4",
      "u5,支付成功,2026-10-03,s5,ios,,公众号,中文 值"
    ];
    const { result, direct, careful: reference } = await bothWays("神策_events_clean.csv", [header, ...rows].join("\n") + "\n");
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: 5, rowsRejected: 0 });
    expect(await snapshot(direct)).toEqual(await snapshot(reference));
    // By hand: naive times are Shanghai's, offsets are honoured, empty cells are NULL.
    expect(await direct.rows("select user_id, strftime(ts at time zone 'UTC', '%Y-%m-%d %H:%M:%S.%g') as utc, session_id, channel, properties from events order by user_id")).toEqual([
      { user_id: "u1", utc: "2026-10-01 02:00:00.000", session_id: "s1", channel: "抖音", properties: '{"product":"p1"}' },
      { user_id: "u2", utc: "2026-10-01 10:00:00.000", session_id: "s2", channel: "小红书", properties: '{"product":null}' },
      { user_id: "u3", utc: "2026-10-02 00:30:15.250", session_id: null, channel: null, properties: '{"product":"p\\"x\\""}' },
      { user_id: "u4", utc: "2026-10-03 00:00:00.000", session_id: "s4", channel: "知乎", properties: '{"product":"p4"}' },
      { user_id: "u5", utc: "2026-10-02 16:00:00.000", session_id: "s5", channel: "公众号", properties: '{"product":"中文 值"}' }
    ]);
  });

  it("trims padded cells as the careful path does (ASCII and ideographic spaces)", async () => {
    const rows = ["u1 ,浏览页面,2026-10-01 10:00:00,s1,ios,/a,抖音,p1", "u2,\u3000浏览商品,2026-10-01 11:00:00, s2 ,ios,/b,抖音,p2", "u3,浏览页面,2026-10-01 12:00:00, ,ios,/c,抖音,p3"];
    const { result, direct, careful: reference } = await bothWays("神策_events_padded.csv", [header, ...rows].join("\n") + "\n");
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: 3, rowsRejected: 0 });
    expect(await snapshot(direct)).toEqual(await snapshot(reference));
    expect(await direct.rows("select user_id, event, session_id from events order by user_id")).toEqual([
      { user_id: "u1", event: "浏览页面", session_id: "s1" },
      { user_id: "u2", event: "浏览商品", session_id: "s2" },
      { user_id: "u3", event: "浏览页面", session_id: null }
    ]);
  });

  it("loads GrowingIO's epoch-millisecond times directly, with the careful path's values", async () => {
    const gioHeader = "event_key,user_id,anonymous_user,event_time,session_id,platform,path,utm_source,product";
    const rows = [
      "注册,u1,dev-1,1763645256000,s1,MinP,/signup,企业微信,",
      "浏览页面,,dev-2,1763645270123,s2,MinP,/search,,p2",
      "浏览页面,u3,dev-3, 1759284000000 ,s3,MinP,/a,抖音,p3"
    ];
    const name = "GrowingIO_小程序_events_epoch.csv";
    const { result, direct, careful: reference } = await bothWays(name, [gioHeader, ...rows].join("\n") + "\n", growingioEvents);
    expect(result).toMatchObject({ status: "loaded", preset: "growingio-events", rowsLoaded: 3, rowsRejected: 0 });
    expect(await takenDirectly(files.file(name, [gioHeader, ...rows].join("\n") + "\n"), name, growingioEvents)).toBe(true);
    expect(await snapshot(direct)).toEqual(await snapshot(reference));
    // By hand: 1763645256000 ms = 2025-11-20 13:27:36 UTC; the anonymous visitor's device id stands in; a padded time is trimmed.
    expect(await direct.rows("select user_id, strftime(ts at time zone 'UTC', '%Y-%m-%d %H:%M:%S.%g') as utc from events order by user_id")).toEqual([
      { user_id: "dev-2", utc: "2025-11-20 13:27:50.123" },
      { user_id: "u1", utc: "2025-11-20 13:27:36.000" },
      { user_id: "u3", utc: "2025-10-01 02:00:00.000" }
    ]);
  });

  it("leaves a GrowingIO file with one unreadable time to the careful path, which rejects that line", async () => {
    const gioHeader = "event_key,user_id,anonymous_user,event_time,session_id,platform,path,utm_source";
    const rows = ["注册,u1,dev-1,1763645256000,s1,MinP,/signup,企业微信", "注册,u2,dev-2,17636452560,s2,MinP,/signup,企业微信"];
    const name = "GrowingIO_events_bad_time.csv";
    const path = files.file(name, [gioHeader, ...rows].join("\n") + "\n");
    expect(await takenDirectly(path, name, growingioEvents)).toBe(false);
    const w = await memoryWarehouse();
    expect(await ingestFile(w.connection, path, builtinPresets)).toMatchObject({ status: "loaded", rowsLoaded: 1, rowsRejected: 1 });
    expect(await w.rows("select line, reason from rejects")).toEqual([{ line: 3, reason: "event_time: cannot parse 17636452560" }]);
  });

  it("falls back to the careful path for one bad time in the middle of a big file: its line is rejected, the rest loaded", async () => {
    // ~12 MB, read by DuckDB in parallel pieces; the bad row sits far from the start.
    const n = 180_000;
    const lines = [header];
    for (let line = 2; line <= n + 1; line++) lines.push(`u${line % 97},浏览页面,2026-10-${String(1 + (line % 28)).padStart(2, "0")} ${String(line % 24).padStart(2, "0")}:${String(line % 60).padStart(2, "0")}:00,s${line},ios,/item/${line},抖音,p${line}`);
    lines[123_457 - 1] = "u1,浏览页面,2026-10-32 10:00:00,s,ios,/a,抖音,p";
    const w = await memoryWarehouse();
    const result = await ingestFile(w.connection, files.file("神策_events_one_bad.csv", lines.join("\n") + "\n"), builtinPresets);
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: n - 1, rowsRejected: 1 });
    expect(await w.rows("select file, line, reason from rejects")).toEqual([{ file: "神策_events_one_bad.csv", line: 123_457, reason: "time: cannot parse 2026-10-32 10:00:00" }]);
    expect(await w.rows("select count(*)::int as n from events")).toEqual([{ n: n - 1 }]);
  });

  it("keeps the first line of events repeated in a big file, as the careful path does", async () => {
    // ~12 MB, read in parallel pieces: repeats far apart must still keep their first line's session.
    const n = 180_000;
    const lines = [header];
    for (let line = 2; line <= n + 1; line++) lines.push(`u${line},浏览页面,2026-10-${String(1 + (line % 28)).padStart(2, "0")} 10:00:00,s${line},ios,/item/${line},抖音,p${line}`);
    lines[170_000 - 1] = "u5,浏览页面,2026-10-06 10:00:00,later,android,/b,知乎,p5"; // repeats line 5 (u5, day 6, p5)
    lines[90_000 - 1] = "u5,浏览页面,2026-10-06 10:00:00,middle,web,/c,知乎,p5";
    lines[100_000 - 1] = "u7,浏览页面,2026-10-08 10:00:00,again,web,/c,知乎,p7"; // repeats line 7
    const { result, direct, careful: reference } = await bothWays("神策_events_repeats.csv", lines.join("\n") + "\n");
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: n, rowsRejected: 0 });
    expect(await snapshot(direct)).toEqual(await snapshot(reference));
    expect(await direct.rows("select count(*)::int as n from events")).toEqual([{ n: n - 3 }]);
    expect(await direct.rows("select user_id, session_id from events where user_id in ('u5', 'u7') order by user_id")).toEqual([
      { user_id: "u5", session_id: "s5" },
      { user_id: "u7", session_id: "s7" }
    ]);
  });

  it("falls back for an empty user, an epoch time and a ragged line, naming each line", async () => {
    const rows = ["u1,浏览页面,2026-10-01 10:00:00,s1,ios,/a,抖音,p1", ",浏览页面,2026-10-01 10:00:00,s2,ios,/a,抖音,p1", "u3,浏览页面,1759284000000,s3,ios,/a,抖音,p1", "u4,浏览页面"];
    const w = await memoryWarehouse();
    const result = await ingestFile(w.connection, files.file("神策_events_mixed.csv", [header, ...rows].join("\n") + "\n"), builtinPresets);
    expect(result).toMatchObject({ rowsLoaded: 2, rowsRejected: 2 });
    expect((await w.rows("select line from rejects order by line")).map((r) => r.line)).toEqual([3, 5]);
    // The epoch time (ms) is read by the careful path: 2025-10-01 02:00 UTC.
    expect(await w.rows("select strftime(ts at time zone 'UTC', '%Y-%m-%d %H:%M') as utc from events where user_id = 'u3'")).toEqual([{ utc: "2025-10-01 02:00" }]);
  });

  it("de-duplicates against events stored before and counts late rows as the careful path does", async () => {
    const first = [header, "u1,浏览页面,2025-10-01 10:00:00,s1,ios,/a,抖音,p1", "u2,浏览页面,2025-10-03 10:00:00,s2,ios,/a,抖音,p1"].join("\n") + "\n";
    // Overlaps the first export (u1's event again, from another session: the stored copy stays),
    // adds one row before the newest stored one and one after it. Late rows are counted before
    // de-duplication, as the careful path counts them: u1's copy and u3 (closed weeks, not after 10-03).
    const second = [header, "u1,浏览页面,2025-10-01 10:00:00,other,ios,/a,抖音,p1", "u3,浏览页面,2025-10-02 10:00:00,s3,ios,/a,抖音,p1", "u4,浏览页面,2025-10-04 10:00:00,s4,ios,/a,抖音,p1"].join("\n") + "\n";
    const direct = await memoryWarehouse();
    const reference = await memoryWarehouse();
    for (const [name, content] of [["神策_events_a.csv", first], ["神策_events_b.csv", second]]) {
      const path = files.file(name, content);
      const loaded = await ingestFile(direct.connection, path, builtinPresets);
      const staged = await stageFile(reference.connection, path, { displayName: name });
      await loadStaged(reference.connection, { name, hash: loaded.status === "loaded" ? name : "", preset: sensorsEvents, staged });
      if (name.endsWith("b.csv")) expect(loaded).toMatchObject({ status: "loaded", rowsLoaded: 3, lateRows: 2 });
    }
    expect(await snapshot(direct).then((s) => s.events)).toEqual(await snapshot(reference).then((s) => s.events));
    expect(await direct.rows("select user_id, session_id from events order by user_id, ts")).toEqual([
      { user_id: "u1", session_id: "s1" },
      { user_id: "u2", session_id: "s2" },
      { user_id: "u3", session_id: "s3" },
      { user_id: "u4", session_id: "s4" }
    ]);
    expect(await direct.rows("select file, rows_loaded, late_rows from ingest_log order by file")).toEqual([
      { file: "神策_events_a.csv", rows_loaded: 2, late_rows: 0 },
      { file: "神策_events_b.csv", rows_loaded: 3, late_rows: 2 }
    ]);
  });

  it("reloads a changed export saved under the same name without storing an event twice", async () => {
    const w = await memoryWarehouse();
    const path = files.file("神策_events_same_name.csv", [header, "u1,浏览页面,2026-10-01 10:00:00,s1,ios,/a,抖音,p1"].join("\n") + "\n");
    await ingestFile(w.connection, path, builtinPresets);
    files.file("神策_events_same_name.csv", [header, "u1,浏览页面,2026-10-01 10:00:00,s1,ios,/a,抖音,p1", "u2,浏览页面,2026-10-01 11:00:00,s2,ios,/a,抖音,p1"].join("\n") + "\n");
    expect(await ingestFile(w.connection, path, builtinPresets)).toMatchObject({ status: "loaded", rowsLoaded: 2 });
    expect(await w.rows("select user_id from events order by user_id")).toEqual([{ user_id: "u1" }, { user_id: "u2" }]);
  });
});

describe("staging a clean CSV before its insert", () => {
  // Exports up to stageBytes are read into a temporary table and only the rows that stay are inserted;
  // bigger ones are inserted whole and their repeats deleted after. Both must store the same.
  const first = [header, "u1,浏览页面,2025-10-01 10:00:00,s1,ios,/a,抖音,p1", "u2,浏览页面,2025-10-03 10:00:00,s2,ios,/a,抖音,p1"].join("\n") + "\n";
  const second = [
    header,
    "u1,浏览页面,2025-10-01 10:00:00,other,ios,/a,抖音,p1", // stored before: the stored copy stays
    "u3,浏览页面,2025-10-02 10:00:00,s3,ios,/a,抖音,p1",
    "u3,浏览页面,2025-10-02 10:00:00,s3b,web,/b,知乎,p1", // repeats the line above: the first line stays
    "u4,浏览页面,2025-10-04 10:00:00,s4,ios,/a,抖音,p1",
    "u4,浏览页面,2025-10-04 10:00:00,s4b,ios,/a,抖音,p2" // another product: another event
  ].join("\n") + "\n";

  async function load(stageUpTo: number) {
    const w = await memoryWarehouse();
    const results = [];
    for (const [name, content] of [["神策_events_stage_a.csv", first], ["神策_events_stage_b.csv", second]]) {
      results.push(await ingestFile(w.connection, files.file(name, content), builtinPresets, { stageUpTo }));
    }
    return { w, results };
  }

  it("stores the same rows, counts and late rows staged as inserted in place, values by hand", async () => {
    const staged = await load(Number.POSITIVE_INFINITY);
    const inPlace = await load(0);
    // Late: the three rows of the second file dated in a closed week at or before 2025-10-03 10:00 (u1's copy, u3 twice).
    for (const { results } of [staged, inPlace]) expect(results[1]).toMatchObject({ status: "loaded", rowsLoaded: 5, rowsRejected: 0, lateRows: 2 + 1 });
    expect(await snapshot(staged.w)).toEqual(await snapshot(inPlace.w));
    expect(await staged.w.rows("select user_id, session_id, source_file from events order by user_id, session_id")).toEqual([
      { user_id: "u1", session_id: "s1", source_file: "神策_events_stage_a.csv" },
      { user_id: "u2", session_id: "s2", source_file: "神策_events_stage_a.csv" },
      { user_id: "u3", session_id: "s3", source_file: "神策_events_stage_b.csv" },
      { user_id: "u4", session_id: "s4", source_file: "神策_events_stage_b.csv" },
      { user_id: "u4", session_id: "s4b", source_file: "神策_events_stage_b.csv" }
    ]);
  });

  it("leaves an empty required cell to the careful path either way, which rejects its line", async () => {
    const rows = [header, "u1,浏览页面,2025-10-01 10:00:00,s1,ios,/a,抖音,p1", "u2,,2025-10-01 11:00:00,s2,ios,/a,抖音,p1"].join("\n") + "\n";
    for (const stageUpTo of [0, Number.POSITIVE_INFINITY]) {
      const w = await memoryWarehouse();
      expect(await ingestFile(w.connection, files.file("神策_events_stage_empty.csv", rows), builtinPresets, { stageUpTo })).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 });
      expect(await w.rows("select line from rejects")).toEqual([{ line: 3 }]);
      expect(await w.rows("select count(*)::int as n from information_schema.tables where table_name in ('__direct', '__repeats')")).toEqual([{ n: 0 }]);
    }
  });
});

describe("fileFacts", () => {
  const check = (...chunks: string[]) => {
    const c = paddingCheck();
    for (const chunk of chunks) c.push(Buffer.from(chunk));
    return c.end();
  };

  it("hashes like sha256 and tells a file with padded cells from one without", async () => {
    const clean = files.file("clean.csv", "a,b\nx y,2026-10-01 10:00:00\n");
    expect(await fileFacts(clean)).toEqual({ hash: createHash("sha256").update(readFileSync(clean)).digest("hex"), unpadded: true });
    expect((await fileFacts(files.file("padded.csv", "a,b\nx ,1\n"))).unpadded).toBe(false);
  });

  it("finds a space at a cell's edge wherever chunks split the bytes", () => {
    expect(check("a,b\n", "x y,z\n")).toBe(false);
    for (const padded of [" a,b\n", "a, b\n", "a ,b\n", 'a," b"\n', "a,b \n", "a,b\r\n \n", "a\tb \n", "a,b "]) {
      expect(check(padded), JSON.stringify(padded)).toBe(true);
      for (let at = 1; at < padded.length; at++) expect(check(padded.slice(0, at), padded.slice(at)), `${JSON.stringify(padded)} split at ${at}`).toBe(true);
    }
  });

  it("takes any other Unicode space anywhere as a possibly padded cell, also split across chunks, but not other punctuation", () => {
    for (const space of ["\u00a0", "\u3000", "\u2003", "\u202f", "\u205f", "\u1680"]) {
      const bytes = Buffer.from(`a,b${space}c\n`);
      expect(check(bytes.toString())).toBe(true);
      for (let at = 1; at < bytes.length; at++) {
        const c = paddingCheck();
        c.push(bytes.subarray(0, at));
        c.push(bytes.subarray(at));
        expect(c.end(), `${JSON.stringify(space)} split at ${at}`).toBe(true);
      }
    }
    expect(check("a,b—“c”…\n")).toBe(false);
  });
});
