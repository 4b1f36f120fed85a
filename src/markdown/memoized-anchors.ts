import type MarkdownIt from "markdown-it";
import slugify from "@sindresorhus/slugify";
import anchor from "markdown-it-anchor";

type CoreRule = Parameters<MarkdownIt["core"]["ruler"]["push"]>[1];

const slugs = new Map<string, string>();

/** Runs of Chinese (and Japanese, Korean) script: kept as they are in a heading's id. */
const cjkRuns = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u;

/**
 * A heading's id: Framework's slugify (markdown.js: `slugify(s)`) for Latin text, with runs of
 * Chinese kept. Framework's slugify drops Han characters, so every Chinese heading got the empty
 * id ("", "-1", "-2" …) and its anchor link pointed nowhere. Remembered per heading text.
 */
export function headingSlug(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = text.split(cjkRuns).map((part, i) => (i % 2 ? part : slugify(part))).filter(Boolean).join("-");
    slugs.set(text, slug);
  }
  return slug;
}

/**
 * Framework gives every heading an id with markdown-it-anchor and @sindresorhus/slugify, which
 * compiles a few hundred transliteration regexes on every call: ≈ 0.7 ms a heading, ≈ 2 s of CPU
 * in an 86-page build whose weekly and monthly pages repeat the same headings, and each page is
 * parsed twice (build and search index). This swaps Framework's "anchor" rule for the same
 * plugin's rule with the same options and headingSlug above: Latin headings keep Framework's ids,
 * Chinese ones get their own text instead of the empty id (a page's repeated headings still get
 * -1, -2 from the rule itself).
 */
export function memoizedAnchors(md: MarkdownIt): void {
  let rule: CoreRule | undefined;
  // The plugin only registers its rule; catching that rule gives it without a second registration.
  const catcher = { core: { ruler: { push: (_name: string, fn: CoreRule) => void (rule = fn) } } };
  anchor(catcher as unknown as Parameters<typeof anchor>[0], { slugify: headingSlug });
  md.core.ruler.at("anchor", rule!);
}
