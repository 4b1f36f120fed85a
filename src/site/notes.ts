import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { loadConfig } from "../config.ts";

// Raw HTML in notes stays text: a note is prose, and the page inserts the result as markup.
const md = new MarkdownIt({ html: false, linkify: true });

/** The analyst's commentary reports/notes/<name>.md as HTML, or null when there is none. */
export function readNotes(name: string): string | null {
  const file = join(loadConfig().root, "reports", "notes", `${name}.md`);
  return existsSync(file) ? md.render(readFileSync(file, "utf8")) : null;
}
