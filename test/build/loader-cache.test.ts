import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cachedOutputs, findLoaders, outputKey, prepareLoaderCache, recordLoaderCache } from "../../src/build/loader-cache.ts";

/** A Framework root with two loaders: one reads orders through a shared module, one reads events per week. */
function project() {
  const root = mkdtempSync(join(tmpdir(), "opsbook-loaders-"));
  mkdirSync(join(root, "data"));
  mkdirSync(join(root, "lib"));
  writeFileSync(join(root, "lib", "gmv.ts"), `export const sql = "select sum(amount) from orders";\n`);
  writeFileSync(join(root, "data", "gmv.json.ts"), `import { sql } from "../lib/gmv.js";\nconsole.log(sql);\n`);
  writeFileSync(join(root, "data", "visits-[week].json.ts"), `console.log("select count(*) from events");\n`);
  writeFileSync(join(root, "index.md"), "# not a loader\n");
  return root;
}
const tables = ["events", "orders", "users"];
const context = (events: string, orders: string) => ({ fingerprints: { events, orders, users: "u1" }, salt: "zh-CN" });

describe("content-keyed loader cache", () => {
  it("finds loaders and the tables their code (with local imports) reads", () => {
    const loaders = findLoaders(project(), tables);
    expect(loaders.map((l) => [l.path, l.tables])).toEqual([["data/gmv.json.ts", ["orders"]], ["data/visits-[week].json.ts", ["events"]]]);
  });

  it("changes an output's key only when a table it reads, its params or its code change", () => {
    const root = project();
    const loaders = findLoaders(root, tables);
    const gmv = (c: ReturnType<typeof context>, l = loaders) => outputKey(l, "data/gmv.json", c);
    const visits = (week: string, c: ReturnType<typeof context>) => outputKey(loaders, `data/visits-${week}.json`, c);
    const base = context("e1", "o1");
    expect(gmv(context("e2", "o1"))).toBe(gmv(base)); // new events: the GMV output stays valid
    expect(gmv(context("e1", "o2"))).not.toBe(gmv(base)); // new orders: it does not
    expect(visits("2026-W46", context("e1", "o2"))).toBe(visits("2026-W46", base));
    expect(visits("2026-W47", base)).not.toBe(visits("2026-W46", base));
    expect(outputKey(loaders, "data/other.json", base)).toBeUndefined();
    writeFileSync(join(root, "lib", "gmv.ts"), `export const sql = "select sum(amount) from orders where status = 'paid'";\n`);
    expect(gmv(base, findLoaders(root, tables))).not.toBe(gmv(base));
  });

  it("keeps outputs whose key matches, deletes the rest and Framework's failed runs", () => {
    const root = project();
    const cache = join(root, ".observablehq", "cache", "data");
    mkdirSync(cache, { recursive: true });
    for (const f of ["gmv.json", "visits-2026-W46.json", "visits-2026-W46.json.4242.err"]) writeFileSync(join(cache, f), "{}");
    const loaders = findLoaders(root, tables);
    const keyOf = (c: ReturnType<typeof context>) => (t: string) => outputKey(loaders, t, c);
    recordLoaderCache(root, keyOf(context("e1", "o1")));
    // Orders changed since: the GMV output must go, the visits output stays.
    const { reused, invalidated } = prepareLoaderCache(root, keyOf(context("e1", "o2")));
    expect(reused).toEqual(["data/visits-2026-W46.json"]);
    expect(invalidated).toEqual(["data/gmv.json"]);
    expect(existsSync(join(cache, "gmv.json"))).toBe(false);
    expect(existsSync(join(cache, "visits-2026-W46.json.4242.err"))).toBe(false);
    expect(cachedOutputs(root)).toEqual(["data/visits-2026-W46.json"]);
    // Until a build succeeds and records it, a rewritten output is not trusted.
    writeFileSync(join(cache, "gmv.json"), "{}");
    expect(JSON.parse(readFileSync(join(root, ".observablehq", "cache", "_opsbook", "loader-keys.json"), "utf8"))).not.toHaveProperty("data/gmv.json");
    expect(prepareLoaderCache(root, keyOf(context("e1", "o2"))).invalidated).toEqual(["data/gmv.json"]);
  });
});
