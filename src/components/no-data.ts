import { html } from "htl";
import { localized } from "./locale.js";

/** The empty state of a section whose data is not (yet) in the warehouse. */
export function noData(message = localized({ "zh-CN": "暂无数据", "en-US": "No data yet" })): HTMLElement {
  return html`<p class="muted no-data">${message}</p>`;
}
