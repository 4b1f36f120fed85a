import { existsSync } from "node:fs";
import { loadConfig } from "../../config.ts";
import { serveStatic } from "../../site/serve-static.ts";
import { intOption, type Command } from "../command.ts";

export const serve: Command = {
  name: "serve",
  summary: "serve the built site in dist/ on this machine",
  usage: `opsbook serve [--port N] [--host HOST]

  Serves dist/ on http://127.0.0.1:8080 (no network needed). Use --host 0.0.0.0 to share on the intranet.`,
  options: { port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    if (!existsSync(config.distDir)) throw new Error(`${config.distDir} does not exist: run \`opsbook build\` first`);
    const { url } = await serveStatic(config.distDir, { port: intOption(values, "port") ?? 8080, host: (values.host as string | undefined) ?? "127.0.0.1" });
    console.log(`serving ${config.distDir} on ${url} (Ctrl-C to stop)`);
    await new Promise(() => {});
    return 0;
  }
};
