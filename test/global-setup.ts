import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { opsbook } from "./helpers/cli.ts";

export interface TestSite {
  dir: string;
  env: { OPSBOOK_EXPORTS: string; OPSBOOK_DB: string; OPSBOOK_DIST: string };
  build: { code: number; stdout: string; stderr: string };
}

/**
 * One small site for the whole run, built by the real CLI from a fresh sample into temporary
 * paths: the tests never touch the developer's data/ or dist/.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-test-"));
  const env = { OPSBOOK_EXPORTS: join(dir, "exports"), OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist") };
  const sample = opsbook(["sample", "--users", "1500", "--days", "70"], env);
  if (sample.code !== 0) throw new Error(`opsbook sample failed:\n${sample.stderr}`);
  const build = opsbook(["build"], env);
  project.provide("site", { dir, env, build } satisfies TestSite);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    site: TestSite;
  }
}
