import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * dist/build-info.json: the one file of a build that is not a function of its inputs (it records
 * when the site was published). Every other file in dist/ is byte-identical across builds of the
 * same warehouse and pages.
 */
export interface BuildInfo {
  publishedAt: string;
  /** The --now the build ran as (closed weeks and freshness are judged against it). */
  now: string;
  inputsKey: string;
  loaders: { reused: number; ran: number };
  snapshotsServed: string[];
}

export const buildInfoFile = "build-info.json";

export function readBuildInfo(distDir: string): BuildInfo | undefined {
  const file = join(distDir, buildInfoFile);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as BuildInfo;
  } catch {
    return undefined;
  }
}
