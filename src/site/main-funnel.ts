import { eventNames } from "../metrics/event-names.ts";

/** The purchase funnel every weekly and monthly report shows: 浏览商品→加入购物车→提交订单→支付成功. */
export function mainFunnel({ start, end }: { start: string; end: string }, timezone: string) {
  return {
    steps: [eventNames.viewProduct, eventNames.addToCart, eventNames.submitOrder, eventNames.pay].map((names) => ({ event: names[0] })),
    order: "ordered",
    // A purchase decided within a week counts; attempts start inside the period only.
    window: "7d",
    from: start,
    to: end,
    timezone
  };
}
