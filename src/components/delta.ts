import { html } from "htl";
import { formatChange, formatPoints } from "./format.js";

export interface DeltaOptions {
  /** Rates compare in percentage points, counts and money as a relative change. */
  kind?: "relative" | "points";
  /** For CAC, bounce rate and the like, a fall is the good news. */
  downIsGood?: boolean;
  /** Chinese convention colours a rise red; "green" gives the Western convention. */
  upColor?: "red" | "green";
  label?: string;
}

/** A signed change such as "环比 +12.3%", coloured by direction (涨红跌绿 by default). */
export function delta(change: number | null, { kind = "relative", upColor = "red", label = "", downIsGood = false }: DeltaOptions = {}): HTMLElement {
  const text = kind === "points" ? formatPoints(change) : formatChange(change);
  const direction = change == null || !Number.isFinite(change) || change === 0 ? "flat" : change > 0 ? "up" : "down";
  // The colour follows the direction; the arrow says whether that direction is good news.
  const colour = direction === "flat" ? "flat" : (direction === "up") === (upColor === "red") ? "up" : "down";
  const good = direction === "flat" ? "" : (direction === "up") !== downIsGood ? "good" : "bad";
  return html`<span class="delta delta-${colour}" data-direction=${direction} data-good=${good}>${label ? `${label} ` : ""}${text}</span>`;
}
