import { loadConfig } from "../../config.ts";
import { generateSample, sampleDefaults } from "../../sample/generate-sample.ts";
import { intOption, type Command } from "../command.ts";
import { Progress } from "../progress.ts";

export const sample: Command = {
  name: "sample",
  summary: "write realistic, deterministic sample exports into data/exports/",
  usage: `opsbook sample [--users N] [--days D] [--seed S] [--end YYYY-MM-DD] [--out DIR]

  --users N   simulated users (default ${sampleDefaults.users})
  --days D    days of data ending at --end (default ${sampleDefaults.days})
  --seed S    random seed; the same seed writes the same files (default ${sampleDefaults.seed})
  --end DATE  last day of data (default ${sampleDefaults.end})
  --out DIR   output directory (default data/exports)`,
  options: { users: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, end: { type: "string" }, out: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    const progress = new Progress("sample");
    const summary = generateSample({
      outDir: (values.out as string | undefined) ?? config.exportsDir,
      users: intOption(values, "users"),
      days: intOption(values, "days"),
      seed: intOption(values, "seed"),
      end: values.end as string | undefined,
      onProgress: (done, total) => progress.update(done, total, "days")
    });
    progress.done();
    console.log(`wrote ${summary.files.length} files: ${summary.events.toLocaleString()} events, ${summary.orders.toLocaleString()} orders, ${summary.users.toLocaleString()} users, ${summary.start} → ${summary.end}`);
    return 0;
  }
};
