import { describe, expect, it } from "vitest";
import { computeContent, contentPieceRanges } from "../../src/metrics/content-performance.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

describe("computeContent", () => {
  it("sums each piece's days and rates them by total views", async () => {
    const w = await memoryWarehouse();
    await w.connection.run(`insert into content (date, platform, content_id, title, type, views, likes, shares, comments, saves, followers_gained) values
      ('2026-06-01', '小红书', 'x1', '夏季穿搭', '图文', 1000, 100, 10, 20, 30, 5),
      ('2026-06-02', '小红书', 'x1', '夏季穿搭', '图文', 3000, 20, 10, 0, 10, 3),
      ('2026-06-01', '小红书', 'x2', '新品开箱', '视频', 500, 50, 0, 5, 0, 0),
      ('2026-06-03', '公众号', 'g1', '618 攻略', '图文', 0, 0, 0, 0, 0, 0),
      ('2026-07-01', '公众号', 'g1', '618 攻略', '图文', 9999, 0, 0, 0, 0, 0)`);
    const r = await computeContent(w.connection, { start: "2026-06-01", end: "2026-07-01", top: 1 });
    // x1: views 1000 + 3000 = 4000, likes 120 → 0.03 (not the mean of 0.1 and 0.00667);
    // interactions 120 + 20 + 20 + 40 = 200 → 0.05; followers 8 per 4000 views → 2 per 1000.
    const x1 = r.pieces.find((p) => p.content_id === "x1")!;
    expect(x1).toMatchObject({ platform: "小红书", title: "夏季穿搭", first_date: "2026-06-01", views: 4000, likes: 120, like_rate: 0.03, share_rate: 0.005, comment_rate: 0.005, interaction_rate: 0.05, followers_per_1k_views: 2 });
    // g1 had no views in June (July's 9999 is out): rates are null, not NaN.
    expect(r.pieces.find((p) => p.content_id === "g1")).toMatchObject({ views: 0, like_rate: null, interaction_rate: null });
    // 小红书: 2 pieces, 4500 views, likes 170; interactions 200 + 55 = 255.
    expect(r.platforms[0]).toMatchObject({ platform: "小红书", pieces: 2, views: 4500, likes: 170 });
    expect(r.platforms[0].interaction_rate).toBeCloseTo(255 / 4500, 12);
    expect(r.top.map((p) => p.content_id)).toEqual(["x1"]);
    expect(r.bottom.map((p) => p.content_id)).toEqual(["g1"]);
  });

  it("ranks several ranges' pieces in one query, each as on its own", async () => {
    const w = await memoryWarehouse();
    await w.connection.run(`insert into content (date, platform, content_id, title, type, views, likes, shares, comments, saves, followers_gained) values
      ('2026-06-07', '小红书', 'x1', '夏季穿搭', '图文', 100, 10, 0, 0, 0, 0),
      ('2026-06-08', '小红书', 'x1', '夏季穿搭', '图文', 50, 0, 0, 0, 0, 0),
      ('2026-06-08', '抖音', 'd1', '开箱', '视频', 80, 8, 0, 0, 0, 0)`);
    const ranges = [{ start: "2026-06-01", end: "2026-06-08" }, { start: "2026-06-08", end: "2026-06-15" }, { start: "2026-06-15", end: "2026-06-22" }, { start: "2026-06-01", end: "2026-07-01" }];
    const batched = await contentPieceRanges(w.connection, ranges);
    // Week 1: x1's Sunday only (100 views); week 2: d1 80 before x1's Monday 50; week 3: nothing; June: x1 150, d1 80.
    expect(batched.map((pieces) => pieces.map((p) => [p.content_id, p.views, p.first_date]))).toEqual([
      [["x1", 100, "2026-06-07"]], [["d1", 80, "2026-06-08"], ["x1", 50, "2026-06-08"]], [], [["x1", 150, "2026-06-07"], ["d1", 80, "2026-06-08"]]
    ]);
    for (const [i, range] of ranges.entries()) expect(batched[i]).toEqual((await computeContent(w.connection, range)).pieces);
  });
});
