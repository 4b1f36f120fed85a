import { parseCommandArgs, UsageError, type Command } from "./command.ts";
import { build } from "./commands/build.ts";
import { check } from "./commands/check.ts";
import { gates } from "./commands/gates.ts";
import { scheduledBuild } from "./commands/scheduled-build.ts";
import { dev } from "./commands/dev.ts";
import { exportCommand } from "./commands/export.ts";
import { ingest } from "./commands/ingest.ts";
import { loadDb } from "./commands/load-db.ts";
import { metric } from "./commands/metric.ts";
import { pdf } from "./commands/pdf.ts";
import { sample } from "./commands/sample.ts";
import { serve } from "./commands/serve.ts";

/** Every command of the opsbook CLI. Names and flags are stable: users script against them. */
export const commands: Command[] = [sample, ingest, check, loadDb, build, gates, scheduledBuild, dev, serve, metric, pdf];
commands.push(exportCommand);

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `opsbook — offline reporting for operations teams (运营数据周报, 活动复盘 …)

Usage: opsbook <command> [options]     opsbook <command> --help

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`opsbook: unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return 2;
  }
  try {
    if (command.rawArgs && !(rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h"))) return await command.run({}, rest);
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      console.log(`${command.summary}\n\nUsage: ${command.usage}`);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`opsbook ${command.name}: ${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    console.error(`opsbook ${command.name}: ${(error as Error).message}`);
    if (process.env.OPSBOOK_DEBUG) console.error(error);
    return 1;
  }
}
