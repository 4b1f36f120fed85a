import type MarkdownIt from "markdown-it";
import slugify from "@sindresorhus/slugify";
import anchor from "markdown-it-anchor";

type CoreRule = Parameters<MarkdownIt["core"]["ruler"]["push"]>[1];

const slugs = new Map<string, string>();

/** Framework's slugify (markdown.js: `slugify(s)`), remembered per heading text. */
export function memoizedSlugify(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) slugs.set(text, (slug = slugify(text)));
  return slug;
}

/**
 * Framework gives every heading an id with markdown-it-anchor and @sindresorhus/slugify, which
 * compiles a few hundred transliteration regexes on every call: ≈ 0.7 ms a heading, ≈ 2 s of CPU
 * in an 86-page build whose weekly and monthly pages repeat the same headings, and each page is
 * parsed twice (build and search index). This swaps Framework's "anchor" rule for the same
 * plugin's rule with the same options and the slugify above, so ids are unchanged (a page's
 * repeated headings still get -1, -2 from the rule itself).
 */
export function memoizedAnchors(md: MarkdownIt): void {
  let rule: CoreRule | undefined;
  // The plugin only registers its rule; catching that rule gives it without a second registration.
  const catcher = { core: { ruler: { push: (_name: string, fn: CoreRule) => void (rule = fn) } } };
  anchor(catcher as unknown as Parameters<typeof anchor>[0], { slugify: memoizedSlugify });
  md.core.ruler.at("anchor", rule!);
}
