import { html } from "htl";
import type { LoadState } from "./chunked-table-load.js";
import { formatMoney, formatNumber, type Locale } from "./format.js";

interface Text {
  locale: Locale;
  /** The explorer's entries of the site's string table (src/site/strings.ts). */
  t: { exploreProgress: string; exploreComplete: string; exploreWaiting: string; exploreFailed: string; exploreMatches: string; explorePartial: string };
}

/** "已加载 120万 / 500万 行" with a bar, while the explorer's rows arrive; the error if they cannot. */
export function loadProgress({ rows, phase, error }: LoadState, { locale, t, total }: Text & { total: number }): HTMLElement {
  const n = (x: number) => formatNumber(x, { locale });
  const text =
    phase === "failed" ? fill(t.exploreFailed, { error: error ?? "" })
    : phase === "complete" ? fill(t.exploreComplete, { total: n(total) })
    : rows === 0 ? t.exploreWaiting
    : fill(t.exploreProgress, { rows: n(rows), total: n(total) });
  return html`<div class="explore-progress" data-phase=${phase} role="status">
    ${phase === "complete" || phase === "failed" ? "" : html`<progress max=${total} value=${rows}></progress>`}
    <span>${text}</span>
  </div>`;
}

/** "符合条件：1.2万 单 · …", saying so when only the newest rows have been counted yet. */
export function matchesLine(m: { orders: number; users: number; gmv: number }, { locale, t, partialRows }: Text & { partialRows?: number }): HTMLElement {
  const strong = (s: string) => html`<strong>${s}</strong>`;
  // The exact figures ride along as data attributes: tests and the bench check them, not the 万 text.
  return html`<span data-orders=${m.orders} data-users=${m.users} data-gmv=${m.gmv}>${fill(t.exploreMatches, { orders: strong(formatNumber(m.orders, { locale })), users: strong(formatNumber(m.users, { locale })), gmv: strong(formatMoney(m.gmv, { locale })) })}${
    partialRows === undefined ? "" : html`<span class="muted">${fill(t.explorePartial, { rows: formatNumber(partialRows, { locale }) })}</span>`
  }</span>`;
}

/** A string-table template with its {placeholders} filled: parts for htl, values stay text (or the given nodes), never markup. */
export function fill(template: string, values: Record<string, string | Node>): (string | Node)[] {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] ?? "" : part));
}
