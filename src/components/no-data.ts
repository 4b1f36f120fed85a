import { html } from "htl";

/** The empty state of a section whose data is not (yet) in the warehouse. */
export function noData(message = "暂无数据"): HTMLElement {
  return html`<p class="muted no-data">${message}</p>`;
}
