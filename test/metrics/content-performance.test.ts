import { describe, expect, it } from "vitest";
import { computeContent } from "../../src/metrics/content-performance.ts";
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
});
