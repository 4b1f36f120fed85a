import { spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * Runs one data loader the way Framework does (tsx, project root as cwd, route params as
 * --name=value) and returns its output: used to recompute a closed week without building.
 */
export function runLoader(root: string, frameworkRoot: string, loaderPath: string, params: Record<string, string>): string {
  const args = ["--import", "tsx", join(frameworkRoot, loaderPath), ...Object.entries(params).map(([k, v]) => `--${k}=${v}`)];
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, OPSBOOK_ROOT: root }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`data loader ${loaderPath} ${JSON.stringify(params)} failed (exit ${result.status}):\n${result.stderr}`);
  return result.stdout;
}
