import { relative } from "node:path";
import { loadConfig } from "../../config.ts";
import { buildSite, GateFailure, type BuildOutcome } from "../../build/build-site.ts";
import { parseNow } from "../../build/parse-now.ts";
import { UsageError, type Command } from "../command.ts";
import { runLiveBuild } from "../../build/build-live.ts";
import { describeResult } from "./ingest.ts";

export const buildUsage = `[--no-ingest] [--no-gates] [--now TIME] [--restate WEEK]… [--force]

  Writes the sample data when data/exports/ is empty, loads new exports, runs the data gates,
  builds every page into a fresh directory and only then replaces dist/. A failed gate or build
  leaves the previous dist/ untouched (exit code 1).

  Data-loader outputs are reused while the warehouse tables they read and their code are
  unchanged; when nothing changed at all the published site is kept as is. Closed weeks show their
  snapshot (data/snapshots/weekly/); late data that would change one is reported, not applied.

  --no-ingest       build from the warehouse as it is
  --no-gates        skip the data gates (freshness, volume, schema drift, rejects, KPI bounds)
  --now TIME        judge freshness and closed weeks as of this time (default: the clock),
                    e.g. 2026-11-23T08:00+08:00; a naive time is read in the report time zone
  --restate WEEK    apply late data to a closed week, e.g. --restate 2026-W46 (repeatable);
                    the page then shows it was restated, with the old and new figures
  --force           rerun every data loader and rebuild even if nothing changed`;

export const buildOptions = {
  "no-ingest": { type: "boolean" },
  "no-gates": { type: "boolean" },
  now: { type: "string" },
  restate: { type: "string", multiple: true },
  force: { type: "boolean" }
} as const;

/** The build options a command line asks for; shared with scheduled-build. */
export function buildOptionsFrom(values: Record<string, unknown>, timezone: string) {
  let now: Date | undefined;
  try {
    now = values.now ? parseNow(String(values.now), timezone) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { ingest: !values["no-ingest"], gates: !values["no-gates"], now, restate: (values.restate as string[] | undefined) ?? [], force: Boolean(values.force) };
}

export function printOutcome(outcome: BuildOutcome, root: string): void {
  const where = relative(root, outcome.distDir) || outcome.distDir;
  if (outcome.status === "unchanged") console.log(`opsbook build: ${where}/ is up to date`);
  else console.log(`opsbook build: site ready in ${where}/ (${outcome.loaders.ran} data loader(s) ran, ${outcome.loaders.reused} reused; open it with \`opsbook serve\`)`);
  console.log(outcome.summaryText.replace(/^/gm, "  "));
}

export const build: Command = {
  name: "build",
  summary: "ingest → data gates → build the static site into dist/ (cached by content, closed weeks frozen)",
  usage: `opsbook build ${buildUsage}
  --live ID         only refresh the live monitoring data (活动实时监控) of campaign ID: seconds, for
                    cron every 10–15 minutes during a campaign (needs one full build first)`,
  options: { ...buildOptions, live: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    if (typeof values.live === "string") return runLiveBuild(config, values.live, { ingest: !values["no-ingest"] });
    try {
      const outcome = await buildSite(config, {
        step: (message) => console.log(`opsbook build: ${message}`),
        warn: (message) => console.error(`opsbook build: ⚠ ${message}`),
        file: (result) => result.status !== "unchanged" && console.log(`  ${describeResult(result)}`)
      }, buildOptionsFrom(values, config.timezone));
      printOutcome(outcome, config.root);
      return 0;
    } catch (error) {
      if (error instanceof GateFailure) {
        console.error(`opsbook build: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
};
