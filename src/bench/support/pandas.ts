import { spawnSync } from "node:child_process";

/**
 * pandas baselines need Debian's python3-pandas. Where it is missing (a fresh CI machine) the
 * cases that use it skip with this note instead of failing: install it to measure.
 */
export function pandasVersion(): { version: string } | { missing: string } {
  const probe = spawnSync("python3", ["-c", "import pandas; print(pandas.__version__)"], { encoding: "utf8" });
  if (probe.status === 0) return { version: probe.stdout.trim() };
  return { missing: probe.error ? "no python3" : "python3-pandas is not installed (apt-get install -y python3-pandas to measure)" };
}
