import { relative } from "node:path";
import { loadConfig } from "../../config.ts";
import { buildSite } from "../../build/build-site.ts";
import { runLiveBuild } from "../../build/build-live.ts";
import type { Command } from "../command.ts";
import { describeResult } from "./ingest.ts";

export const build: Command = {
  name: "build",
  summary: "sample (if no exports) → ingest → build the static site into dist/",
  usage: `opsbook build [--no-ingest] [--live CAMPAIGN_ID]

  Writes the sample data when data/exports/ is empty, loads new exports, builds every page into a
  fresh directory and only then replaces dist/. A failed build leaves the previous dist/ untouched.

  --no-ingest   build from the warehouse as it is
  --live ID     only refresh the live monitoring data (活动实时监控) of campaign ID: seconds, for cron
                every 10–15 minutes during a campaign (needs one full build first)`,
  options: { "no-ingest": { type: "boolean" }, live: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    if (typeof values.live === "string") return runLiveBuild(config, values.live, { ingest: !values["no-ingest"] });
    const { distDir } = await buildSite(config, {
      step: (message) => console.log(`opsbook build: ${message}`),
      file: (result) => result.status !== "unchanged" && console.log(`  ${describeResult(result)}`)
    }, { ingest: !values["no-ingest"] });
    console.log(`opsbook build: site ready in ${relative(config.root, distDir) || distDir}/ (open it with \`opsbook serve\`)`);
    return 0;
  }
};
