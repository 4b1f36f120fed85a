import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the real CLI in a child process, as a user would. */
export function opsbook(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["bin/opsbook.mjs", ...args], {
    cwd: projectRoot,
    env: { ...process.env, CI: "true", ...env },
    encoding: "utf8",
    timeout: 600_000
  });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
