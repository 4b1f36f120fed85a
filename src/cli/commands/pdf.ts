import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { loadConfig } from "../../config.ts";
import { renderPages } from "../../site/render-pages.ts";
import { intOption, UsageError, type Command } from "../command.ts";

export const pdf: Command = {
  name: "pdf",
  summary: "print built pages to A4 PDF (and PNG) with Chromium, for WeChat groups and email",
  usage: `opsbook pdf PAGE… --out DIR [--png] [--width N]

  PAGE is a page of the built site, e.g. weekly/2026-W47, monthly/2026-11, retros/618-2026 or index.
  Writes DIR/weekly-2026-W47.pdf (A4, print layout: no sidebar) for each page; --png also writes a
  full-page screenshot at --width pixels (default 1280; 390 for a phone). Run \`opsbook build\` first.
  Uses the system Chromium (/usr/bin/chromium, or CHROMIUM_PATH).`,
  options: { out: { type: "string", short: "o" }, png: { type: "boolean" }, width: { type: "string" } },
  allowPositionals: true,
  async run(values, positionals) {
    if (!positionals.length) throw new UsageError("name at least one page, e.g. weekly/2026-W47");
    if (typeof values.out !== "string" || !values.out) throw new UsageError("--out DIR is required");
    const config = loadConfig();
    if (!existsSync(config.distDir)) throw new Error(`${config.distDir} does not exist: run \`opsbook build\` first`);
    const files = await renderPages(positionals, { distDir: config.distDir, outDir: resolve(values.out), png: Boolean(values.png), width: intOption(values, "width") ?? 1280 });
    for (const f of files) console.log(`opsbook pdf: wrote ${relative(process.cwd(), f) || f}`);
    return 0;
  }
};
