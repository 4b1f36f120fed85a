import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Debian's python3-pandas is installed for Debian's interpreter; a `python3` earlier on PATH (pyenv,
 * conda) would not see it.
 */
export const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/**
 * pandas baselines need Debian's python3-pandas. Where it is missing (a fresh CI machine) the
 * cases that use it skip with this note instead of failing: install it to measure.
 */
export function pandasVersion(): { version: string } | { missing: string } {
  const probe = spawnSync(python, ["-c", "import pandas; print(pandas.__version__)"], { encoding: "utf8" });
  if (probe.status === 0) return { version: probe.stdout.trim() };
  return { missing: probe.error ? "no python3" : "python3-pandas is not installed (apt-get install -y python3-pandas to measure)" };
}
