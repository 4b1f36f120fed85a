import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { npsComments } from "../../src/metrics/nps-comments.ts";
import { computeNps } from "../../src/metrics/nps-summary.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
let dir: string;

// Ties on every boundary: 9 and 10 promote, 7 and 8 are passive, 6 and below detract.
const october = [
  ["a1", "10", "5", "很好用"],
  ["a2", "9", "4", ""],
  ["a3", "9", "", ""],
  ["a4", "8", "3", ""],
  ["a5", "7", "", ""],
  ["a6", "7", "2", ""],
  ["a7", "6", "4", "<script>alert(1)</script> 物流太慢"],
  ["a8", "6", "", ""],
  ["a9", "0", "", ""],
  ["a10", "5", "", ""]
];

beforeAll(async () => {
  w = await memoryWarehouse();
  dir = mkdtempSync(join(tmpdir(), "opsbook-nps-"));
  const lines = ["用户ID,提交时间,推荐意愿,满意度,意见建议,答题渠道"];
  october.forEach(([u, s, sat, c], i) => lines.push(`${u},2026-10-${String(i + 10).padStart(2, "0")} 12:00:00,${s},${sat},"${c}",${i < 5 ? "短信" : "公众号"}`));
  lines.push("b1,2026-11-02 08:00:00,9,,,短信", "b2,2026-11-03 08:00:00,11,,,短信", "b3,2026-11-04 08:00:00,3,6,,短信");
  const file = join(dir, "NPS问卷_2026.csv");
  writeFileSync(file, "\ufeff" + lines.join("\n") + "\n");
  const result = await ingestFile(w.connection, file, builtinPresets);
  expect(result).toMatchObject({ preset: "survey-nps", rowsLoaded: 11, rowsRejected: 2 });
});
afterAll(() => {
  w.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("NPS", () => {
  it("rejects scores outside 0–10 and satisfaction outside 1–5, naming line and column", async () => {
    const rejects = await w.rows("select line, reason from rejects order by line");
    // header is line 1: b2 is line 13, b3 line 14
    expect(rejects).toEqual([
      { line: 13, reason: "推荐意愿: cannot parse 11" },
      { line: 14, reason: "满意度: cannot parse 6" }
    ]);
  });

  it("computes NPS with ties at 6/7/8/9 and its margin of error", async () => {
    const [oct] = await computeNps(w.connection, { grain: "month" });
    // promoters 10, 9, 9 = 3; passives 8, 7, 7 = 3; detractors 6, 6, 0, 5 = 4; NPS = 30% − 40% = −10
    expect(oct).toMatchObject({ period: "2026-10-01", responses: 10, promoters: 3, passives: 3, detractors: 4 });
    expect(oct.nps).toBeCloseTo(-10, 10);
    // var = (0.3 + 0.4 − 0.1²) / 10 = 0.069; margin = 100 × 1.959964 × √0.069 = 51.4839
    expect(oct.nps_margin).toBeCloseTo(51.4839, 3);
    // satisfaction answers 5, 4, 3, 2, 4 → 3 of 5 satisfied; margin = 1.959964 × √(0.6·0.4/5) = 0.429407
    expect([oct.satisfaction_responses, oct.satisfied]).toEqual([5, 3]);
    expect(oct.satisfaction).toBeCloseTo(0.6, 12);
    expect(oct.satisfaction_margin).toBeCloseTo(0.429407, 5);
    const all = await computeNps(w.connection, { grain: "month" });
    expect(all[1]).toMatchObject({ period: "2026-11-01", responses: 1, promoters: 1, nps: 100, satisfaction: null });
  });

  it("splits by segment", async () => {
    const rows = await computeNps(w.connection, { grain: "all", by: "channel" });
    // 短信: a1–a5 (10, 9, 9, 8, 7) + b1 (9) → 4 promoters of 6, no detractors → 66.67
    // 公众号: a6–a10 (7, 6, 6, 0, 5) → 0 promoters, 4 detractors of 5 → −80
    rows.sort((a, b) => a.segment.localeCompare(b.segment, "zh-CN"));
    expect(rows.map((r) => [r.segment, r.responses, Math.round(r.nps! * 100) / 100])).toEqual([["短信", 6, 66.67], ["公众号", 5, -80]]); // pinyin order: duan < gong
  });

  it("keeps comments verbatim for the page to escape", async () => {
    const rows = await w.rows(npsComments());
    expect(rows.map((r) => [r.comment, r.kind])).toEqual([["<script>alert(1)</script> 物流太慢", "detractor"], ["很好用", "promoter"]]);
  });
});
