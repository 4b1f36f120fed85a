import type MarkdownIt from "markdown-it";
import type { Locale } from "../config.ts";

/**
 * A line written for one language only: `en-US| ## Key metrics`. Everything after the bar (and
 * one space) is the line as that language's page shows it; unmarked lines are shared by all.
 */
const marked = /^([a-z]{2}-[A-Z]{2})\| ?([\s\S]*)$/;

/**
 * The template as one language reads it: marked lines of that language lose their mark, those of
 * any other language become empty lines, so every line keeps its number for error messages.
 */
export function selectLocale(markdown: string, locale: Locale): string {
  if (!markdown.includes("|")) return markdown;
  return markdown
    .split("\n")
    .map((line) => {
      const m = marked.exec(line);
      return !m ? line : m[1] === locale ? m[2] : line.endsWith("\r") ? "\r" : "";
    })
    .join("\n");
}

/** The markdown-it plugin: applies `selectLocale` before Markdown parses the page. */
export function localeLines(locale: Locale) {
  return (md: MarkdownIt): void => {
    md.core.ruler.before("normalize", "locale-lines", (state) => {
      state.src = selectLocale(state.src, locale);
    });
  };
}
