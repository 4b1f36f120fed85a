import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { cliBundle } from "../../bin/cli-bundle.mjs";
import { opsbook } from "../helpers/cli.ts";

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "opsbook-bundle-"));
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  mkdirSync(join(root, "src", "lib"));
  writeFileSync(join(root, "src", "lib", "where.ts"), `export const where: string = import.meta.url;\n`);
  writeFileSync(join(root, "src", "cli", "main.ts"), `import { where } from "../lib/where.ts";\nexport const main = (): string[] => [where, "v1"];\n`);
  return root;
}

test("the CLI bundle is reused while sources are unchanged and rebuilt when one changes", async () => {
  const root = project();
  const first = await cliBundle({ root });
  const { main } = await import(pathToFileURL(first).href);
  // import.meta.url stays the module's own, not the bundle's (run-framework.ts finds files beside it).
  expect(main()).toEqual([pathToFileURL(join(root, "src", "lib", "where.ts")).href, "v1"]);
  expect(await cliBundle({ root })).toBe(first);
  writeFileSync(join(root, "src", "cli", "main.ts"), `import { where } from "../lib/where.ts";\nexport const main = (): string[] => [where, "v2"];\n`);
  const second = await cliBundle({ root });
  expect(second).not.toBe(first);
  expect((await import(pathToFileURL(second).href)).main()[1]).toBe("v2");
});

test("a named bundle of an entry outside src/ (the Framework config) is its own file and follows that entry", async () => {
  const root = project();
  writeFileSync(join(root, "site.config.ts"), `import { where } from "./src/lib/where.ts";\nexport default { where, v: 1 };\n`);
  const cli = await cliBundle({ root });
  const first = await cliBundle({ root, entry: "site.config.ts", name: "framework-config" });
  expect(first).not.toBe(cli);
  expect((await import(pathToFileURL(first).href)).default).toEqual({ where: pathToFileURL(join(root, "src", "lib", "where.ts")).href, v: 1 });
  writeFileSync(join(root, "site.config.ts"), `export default { v: 2 };\n`);
  const second = await cliBundle({ root, entry: "site.config.ts", name: "framework-config" });
  expect(second).not.toBe(first);
  expect((await import(pathToFileURL(second).href)).default).toEqual({ v: 2 });
  // The CLI's bundle does not depend on the config.
  expect(await cliBundle({ root })).toBe(cli);
});

test("the bundled CLI and the sources run through tsx print the same metric", () => {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-bundle-run-"));
  const events = join(dir, "events.csv");
  writeFileSync(events, "user_id,event,ts\nu1,注册,2026-11-02 09:00:00\nu1,浏览页面,2026-11-10 09:00:00\nu2,注册,2026-11-03 09:00:00\n");
  const spec = join(dir, "retention.json");
  writeFileSync(spec, JSON.stringify({ start: "注册", return: "浏览页面", period: "week", periods: 1 }));
  const args = ["metric", "retention", "--spec", spec, "--events", events, "--json"];
  const bundled = opsbook(args);
  const tsx = opsbook(args, { OPSBOOK_TSX: "1" });
  expect(bundled.stderr).toBe("");
  // Week of Mon 11-02: u1 and u2; u1 back in the week of 11-09.
  expect(JSON.parse(bundled.stdout)).toEqual({ cohorts: [{ start: "2026-11-02", size: 2, values: [2, 1] }] });
  expect(tsx.stdout).toBe(bundled.stdout);
});
