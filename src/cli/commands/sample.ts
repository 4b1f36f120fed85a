import { loadConfig } from "../../config.ts";
import { generateSample, sampleDefaults } from "../../sample/generate-sample.ts";
import { intOption, type Command } from "../command.ts";
import { Progress } from "../progress.ts";

export const sample: Command = {
  name: "sample",
  summary: "write realistic, deterministic sample exports into data/exports/",
  usage: `opsbook sample [--users N] [--days D] [--seed S] [--end YYYY-MM-DD] [--out DIR] [--with-errors]

  --users N   simulated users (default ${sampleDefaults.users})
  --days D    days of data ending at --end (default ${sampleDefaults.days})
  --seed S    random seed; the same seed writes the same files (default ${sampleDefaults.seed})
  --end DATE  last day of data (default ${sampleDefaults.end})
  --out DIR   output directory (default data/exports)
  --with-errors  add a few realistic bad rows (bad dates, ¥-5, ragged lines, an unknown status)

Files: 神策 events (CSV per month), GrowingIO mini-program events (CSV per month), orders (GB18030),
CRM users, 巨量引擎 (CSV) and 腾讯广告 (XLSX) spend, 百度统计 landing pages (GB18030), 公众号 图文分析,
content, campaigns, targets and an A/B experiment. 10 million events: --users 150000 --days 365.`,
  options: { users: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, end: { type: "string" }, out: { type: "string" }, "with-errors": { type: "boolean" } },
  async run(values) {
    const config = loadConfig();
    const progress = new Progress("sample");
    const summary = generateSample({
      outDir: (values.out as string | undefined) ?? config.exportsDir,
      users: intOption(values, "users"),
      days: intOption(values, "days"),
      seed: intOption(values, "seed"),
      end: values.end as string | undefined,
      withErrors: Boolean(values["with-errors"]),
      onProgress: (done, total) => progress.update(done, total, "days")
    });
    progress.done();
    console.log(`wrote ${summary.files.length} files: ${summary.events.toLocaleString()} events, ${summary.orders.toLocaleString()} orders, ${summary.users.toLocaleString()} users, ${summary.start} → ${summary.end}`);
    return 0;
  }
};
