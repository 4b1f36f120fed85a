import type { Locale } from "../config.ts";
import { strings } from "./strings.ts";

/** What every page carries besides its own content: Framework's `head` and `footer` options. */
export interface PageChrome {
  head: string;
  footer: string;
}

export function pageChrome(locale: Locale): PageChrome {
  return {
    // An inline icon: browsers otherwise request /favicon.ico and log a 404.
    head: '<link rel="icon" href="data:,">',
    footer: strings(locale).footer
  };
}

/**
 * Puts the chrome into a page Framework built without it, where Framework's renderPage would have
 * put it: the head after the stylesheet and module-preload links, before the page's module script;
 * the footer after </main>. Framework would re-parse both constant fragments with JSDOM on every
 * page three times (when loading it, when indexing it for search and when rendering it: ≈ 3 s of
 * an 86-page build); neither has a path to rewrite, so the text is what Framework would write.
 */
export function withPageChrome(html: string, { head, footer }: PageChrome): string {
  const script = html.indexOf('\n<script type="module">');
  const end = html.lastIndexOf("\n</div>\n</body>");
  if (script < 0 || end < 0 || end < script) throw new Error("opsbook: unexpected page layout from Framework (no module script or no </div></body>)");
  return html.slice(0, script) + `\n${head}` + html.slice(script, end) + `\n<footer id="observablehq-footer">\n<div>${footer}</div>\n</footer>` + html.slice(end);
}
