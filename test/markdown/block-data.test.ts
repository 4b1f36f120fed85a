import type { DuckDBConnection } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { blockData } from "../../src/site/block-data.ts";

// Definitions are checked before any query runs, so no warehouse is needed.
const noConnection = null as unknown as DuckDBConnection;

describe("report block definitions", () => {
  it("a funnel the metric rejects names the page, the line and the field", async () => {
    await expect(blockData(noConnection, { kind: "funnel", source: "steps:\n  - event: 浏览商品\n  - event: ''\n", file: "funnels.md", line: 12 }))
      .rejects.toThrow(/^funnels\.md:12: funnel block: steps\[1\]\.event/);
  });

  it("a kpi block needs a known grain and a period", async () => {
    await expect(blockData(noConnection, { kind: "kpi", source: "grain: year\nperiod: 2026\n", file: "a.md", line: 3 })).rejects.toThrow("a.md:3: kpi block: grain: expected one of day, week, month, quarter");
    await expect(blockData(noConnection, { kind: "kpi", source: "grain: week\n", file: "a.md", line: 3 })).rejects.toThrow("a.md:3: kpi block: period: expected latest");
  });
});
