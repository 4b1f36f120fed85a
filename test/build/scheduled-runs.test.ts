import { spawn } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/calendar.ts";
import { serveStatic } from "../../src/site/serve-static.ts";
import { browserAvailable, launchChromium } from "../browser/chromium.ts";
import { opsbookAsync } from "../helpers/cli-async.ts";
import { projectRoot } from "../helpers/cli.ts";
import { robotServer } from "../helpers/robot-server.ts";

/*
 * Three scheduled runs on a small hand-made warehouse: weeks 2026-W45 … W47 (Mon 2026-11-02 to
 * Sun 2026-11-22). Every day: 30 page views by users u1…u30 at 10:00, and one paid order of ¥100
 * by a different user (day i → u(i+1)). So each week has UV 30, 7 orders, 7 payers, GMV ¥700.
 */
const dir = mkdtempSync(join(tmpdir(), "opsbook-scheduled-"));
const exportsDir = join(dir, "exports");
const env = { OPSBOOK_EXPORTS: exportsDir, OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist") };
const dist = env.OPSBOOK_DIST;
const snapshotFile = (week: string) => join(dir, "snapshots", "weekly", `${week}.json`);
const days = Array.from({ length: 21 }, (_, i) => addDays("2026-11-02", i));

function eventsCsv(rows: { user: string; day: string }[]): string {
  return "user_id,event,ts,channel,page\n" + rows.map((r) => `${r.user},浏览页面,${r.day} 10:00:00,抖音,/home`).join("\n") + "\n";
}
function ordersCsv(rows: { id: string; user: string; at: string; amount: number }[]): string {
  return "order_id,user_id,ts,paid_at,amount,status,channel\n" + rows.map((r) => `${r.id},${r.user},${r.at},${r.at},${r.amount},paid,抖音`).join("\n") + "\n";
}
const users = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `u${from + i}`);

/** The weekly loader output the built site serves for a week. */
function servedWeek(week: string): { kpis: Record<string, number | string>[]; restatement?: { changes: { metric: string; old: number; new: number }[] } } {
  const dataDir = join(dist, "_file", "data");
  const file = readdirSync(dataDir).find((f) => f.startsWith(`weekly-${week}.`) && f.endsWith(".json"));
  if (!file) throw new Error(`no data file for ${week} in ${dataDir}`);
  return JSON.parse(readFileSync(join(dataDir, file), "utf8"));
}
// The page's data carries the KPI report: one {key, value, previous, …} per KPI.
const current = (week: string) => Object.fromEntries((servedWeek(week).kpis as { key: string; value: number | null }[]).map((k) => [k.key, k.value]));

function hashTree(root: string, skip = new Set(["build-info.json"])): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const name = join(entry.parentPath, entry.name).slice(root.length + 1);
    if (!skip.has(name)) out[name] = createHash("sha256").update(readFileSync(join(root, name))).digest("hex");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

let robots: Awaited<ReturnType<typeof robotServer>>;
let robotEnv: Record<string, string>;

beforeAll(async () => {
  robots = await robotServer();
  robotEnv = {
    OPSBOOK_FEISHU_WEBHOOK: `${robots.url}/open-apis/bot/v2/hook/T`, OPSBOOK_FEISHU_SECRET: "feishu-secret-x",
    OPSBOOK_WECOM_WEBHOOK: `${robots.url}/cgi-bin/webhook/send?key=wecom-key-y`,
    OPSBOOK_SITE_URL: "https://reports.example.cn"
  };
  mkdirSync(exportsDir, { recursive: true });
  writeFileSync(join(exportsDir, "events_2026-11.csv"), eventsCsv(days.flatMap((day) => users(1, 30).map((user) => ({ user, day })))));
  writeFileSync(join(exportsDir, "orders_2026-11.csv"), ordersCsv(days.map((day, i) => ({ id: `o${i + 1}`, user: `u${i + 1}`, at: `${day} 11:00:00`, amount: 100 }))));
});
afterAll(async () => {
  await robots.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("scheduled runs", () => {
  it("run 1 (Monday 08:00): publishes, snapshots the closed weeks and posts the summary", async () => {
    const run = await opsbookAsync(["scheduled-build", "--now", "2026-11-23T08:00+08:00"], { ...env, ...robotEnv });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(current("2026-W47")).toMatchObject({ uv: 30, orders: 7, payers: 7, gmv: 700 });
    for (const week of ["2026-W45", "2026-W46", "2026-W47"]) expect(existsSync(snapshotFile(week)), week).toBe(true);
    const w46 = JSON.parse(readFileSync(snapshotFile("2026-W46"), "utf8"));
    expect(w46.output.kpis.find((k: { key: string }) => k.key === "gmv")).toMatchObject({ value: 700 });

    const summary = JSON.parse(readFileSync(join(dist, "build-summary.json"), "utf8"));
    expect(summary).toMatchObject({ week: "2026-W47", start: "2026-11-16", end: "2026-11-22", partial: false });
    // Same figures as W46: every change is 0 (GMV 700 vs 700, conversion 7/30 vs 7/30).
    expect(summary.movers.map((m: { change: number }) => m.change)).toEqual([0, 0, 0, 0, 0]);
    expect(readFileSync(join(dist, "build-summary.txt"), "utf8")).toMatch(/2026-W47（2026-11-16 至 2026-11-22）/);

    const feishu = robots.posts.find((p) => p.path === "/open-apis/bot/v2/hook/T")!;
    expect(feishu.body.msg_type).toBe("text");
    expect(feishu.body.content.text).toMatch(/已更新\n.*2026-W47[\s\S]*GMV ¥700\.00（±0\.0%）[\s\S]*https:\/\/reports\.example\.cn\/weekly\/2026-W47$/);
    expect(feishu.body.sign).toBe(createHmac("sha256", `${feishu.body.timestamp}\nfeishu-secret-x`).digest("base64"));
    const wecom = robots.posts.find((p) => p.path === "/cgi-bin/webhook/send")!;
    expect(wecom.body.markdown.content).toMatch(/2026-W47/);
    // Secrets stay out of the site and the logs.
    const site = Object.keys(hashTree(dist)).map((f) => readFileSync(join(dist, f), "utf8")).join("\n");
    for (const secret of ["feishu-secret-x", "wecom-key-y"]) {
      expect(site).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  }, 300_000);

  it("builds byte-identical sites from the same warehouse (cached, snapshotted or from scratch)", async () => {
    const again = await opsbookAsync(["build", "--no-ingest", "--now", "2026-11-23T08:00+08:00"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/dist\/ is up to date/);
    const fresh = join(dir, "dist-fresh");
    const forced = await opsbookAsync(["build", "--no-ingest", "--force", "--now", "2026-11-23T08:00+08:00"], { ...env, OPSBOOK_DIST: fresh });
    expect(forced.code, forced.stderr).toBe(0);
    const a = hashTree(dist);
    const b = hashTree(fresh);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    rmSync(fresh, { recursive: true, force: true });
  }, 300_000);

  it("a no-change build with ingest finds everything loaded without opening the warehouse", async () => {
    // The first build after a publication asks the warehouse once more (its rejected-row budget
    // counts files loaded since that publication); from then on the gates' findings stand.
    const settle = await opsbookAsync(["build", "--now", "2026-11-23T08:00+08:00"], env);
    expect(settle.stdout, settle.stderr).toMatch(/dist\/ is up to date/);
    // Another process holds the warehouse open for writing: any open by the build would fail on
    // DuckDB's lock. Unchanged exports over an untouched warehouse need none.
    const holder = spawn(process.execPath, ["--input-type=module", "-e",
      `import { DuckDBInstance } from "@duckdb/node-api"; const i = await DuckDBInstance.create(${JSON.stringify(env.OPSBOOK_DB)}); await i.connect(); console.log("ready"); setInterval(() => {}, 1000);`], { cwd: projectRoot });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d) => String(d).includes("ready") && resolve());
      holder.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    try {
      const run = await opsbookAsync(["build", "--now", "2026-11-23T08:00+08:00"], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/ingest: every export is already loaded/);
      expect(run.stdout).toMatch(/dist\/ is up to date/);
      // The summary of the published build, as the scheduled run posted it.
      expect(run.stdout).toMatch(/2026-W47（2026-11-16 至 2026-11-22）/);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
  }, 300_000);

  it("run 2 (a truncated export): the volume gate fails, the site stays, the failure is posted", async () => {
    const before = hashTree(dist, new Set());
    // 2026-11-23 arrives with 3 of its 30 page views: median of the 7 days before is 30 → a 90 % drop.
    writeFileSync(join(exportsDir, "events_2026-11-23.csv"), eventsCsv(users(1, 3).map((user) => ({ user, day: "2026-11-23" }))));
    const posted = robots.posts.length;
    const run = await opsbookAsync(["scheduled-build", "--now", "2026-11-24T08:00+08:00"], { ...env, ...robotEnv });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 data gate\(s\) failed; the site was not rebuilt/);
    expect(run.stderr).toMatch(/✗ volume · events: 2026-11-23 有 3 行，前 7 天中位数 30 行，下降 90%（上限 50%）/);
    expect(hashTree(dist, new Set())).toEqual(before);
    const failures = robots.posts.slice(posted);
    expect(failures.map((p) => p.path).sort()).toEqual(["/cgi-bin/webhook/send", "/open-apis/bot/v2/hook/T"]);
    expect(failures.find((p) => p.path.startsWith("/open"))!.body.content.text).toMatch(/数据闸门未通过，未发布[\s\S]*volume · events[\s\S]*网站仍为上一次成功发布的版本/);
  }, 300_000);

  it("run 3 (late data for a closed week): reported, not applied", async () => {
    // The rest of 2026-11-23 arrives (all 30 rows; the first 3 are already loaded), and a late
    // ¥50 order placed 2026-11-10 in closed week W46 by u1 (not yet a W46 payer): W46 would become
    // GMV 750, 8 orders, 8 payers.
    writeFileSync(join(exportsDir, "events_2026-11-23_full.csv"), eventsCsv(users(1, 30).map((user) => ({ user, day: "2026-11-23" }))));
    writeFileSync(join(exportsDir, "orders_late.csv"), ordersCsv([{ id: "late1", user: "u1", at: "2026-11-10 12:00:00", amount: 50 }]));
    const snapshotBefore = readFileSync(snapshotFile("2026-W46"), "utf8");
    const posted = robots.posts.length;
    const run = await opsbookAsync(["scheduled-build", "--now", "2026-11-24T08:00+08:00"], { ...env, ...robotEnv });
    expect(run.code, run.stderr).toBe(0);
    // One ¥50 order more in W46: 8 orders from 8 payers, GMV 750, conversion 8/30; AOV 750/8 = 93.75, ARPU 750/30 = 25.
    const restate = /late data would restate closed week 2026-W46 \(([^)]*)\)/.exec(run.stderr);
    expect(restate, run.stderr).not.toBeNull();
    for (const change of ["orders 7 → 8", "payers 7 → 8", "gmv 700 → 750", "aov 100 → 93.75", "arpu 23.333333333333332 → 25"]) expect(restate![1]).toContain(change);
    expect(restate![1]).toMatch(/conversion_rate 0\.2333\d* → 0\.2666\d*/);
    expect(current("2026-W46")).toMatchObject({ gmv: 700, orders: 7 });
    expect(servedWeek("2026-W46").restatement).toBeUndefined();
    expect(readFileSync(snapshotFile("2026-W46"), "utf8")).toBe(snapshotBefore);
    // The new, open week is published from current data.
    expect(current("2026-W48")).toMatchObject({ uv: 30, gmv: 0 });
    // Only what depends on the new rows ran (W48, the month, the index, whole-period pages); the
    // three closed weeks came from their snapshots and loaders over unchanged tables were reused.
    const info = JSON.parse(readFileSync(join(dist, "build-info.json"), "utf8"));
    expect(info.loaders.ran).toBeGreaterThan(0);
    expect(info.loaders.reused).toBeGreaterThan(0);
    expect(info.snapshotsServed.sort()).toEqual(["data/weekly-2026-W45.json", "data/weekly-2026-W46.json", "data/weekly-2026-W47.json"]);
    const summary = JSON.parse(readFileSync(join(dist, "build-summary.json"), "utf8"));
    expect(summary.restatementsPending).toEqual([{ week: "2026-W46", changes: expect.arrayContaining([{ metric: "gmv", old: 700, new: 750 }]) }]);
    expect(robots.posts.slice(posted).find((p) => p.path.startsWith("/open"))!.body.content.text).toMatch(/2026-W46 收到迟到数据，需重述（未应用；执行 opsbook build --restate 2026-W46）[\s\S]*gmv: 700 → 750/);
  }, 300_000);

  it("run 3 with --restate: the closed week takes the late data and says so", async () => {
    const run = await opsbookAsync(["build", "--no-ingest", "--restate", "2026-W46", "--now", "2026-11-24T08:00+08:00"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(current("2026-W46")).toMatchObject({ gmv: 750, orders: 8, payers: 8 });
    expect(servedWeek("2026-W46").restatement!.changes).toContainEqual({ metric: "gmv", old: 700, new: 750 });
    const snapshot = JSON.parse(readFileSync(snapshotFile("2026-W46"), "utf8"));
    const gmvOf = (output: { kpis: { key: string; value: number }[] }) => output.kpis.find((k) => k.key === "gmv")!.value;
    expect(gmvOf(snapshot.output)).toBe(750);
    expect(snapshot.restatements).toHaveLength(1);
    expect(gmvOf(snapshot.restatements[0].previous)).toBe(700);
    // Restating twice is a mistake worth naming.
    const twice = await opsbookAsync(["build", "--no-ingest", "--restate", "2026-W46", "--now", "2026-11-24T08:00+08:00"], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/--restate 2026-W46: nothing to restate/);
  }, 300_000);

  it("a rebuild after new data never shows the old value, in the browser", async () => {
    // A ¥80 order on 2026-11-23 (open week W48): W48 GMV goes from 0 to 80.
    writeFileSync(join(exportsDir, "orders_2026-11-23.csv"), ordersCsv([{ id: "n1", user: "u5", at: "2026-11-23 15:00:00", amount: 80 }]));
    const run = await opsbookAsync(["build", "--now", "2026-11-24T08:00+08:00"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(current("2026-W48").gmv).toBe(80);
    if (!browserAvailable()) return;
    const { server, url } = await serveStatic(dist);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/weekly/2026-W48`);
      await page.getByText("¥80.00").first().waitFor({ timeout: 30_000 });
      await page.goto(`${url}/weekly/2026-W46`);
      const note = page.locator(".restatement");
      await note.waitFor({ timeout: 30_000 });
      expect(await note.innerText()).toMatch(/已重述[\s\S]*GMV：原 700 → 现 750/);
    } finally {
      await browser.close();
      server.close();
    }
  }, 300_000);
});
