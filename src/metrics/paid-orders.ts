/**
 * Paid orders placed on or before the as-of date ($asOf), optionally only the last $lookback days:
 * the order history every customer-value metric starts from. Refunded, cancelled and pending
 * orders are not revenue.
 */
export const paidOrdersSql = (lookback = false) => `select order_id, user_id, ts, ts::date as day, amount::double as amount
  from orders
  where status = 'paid' and ts < ($asOf::date + 1)::timestamptz${lookback ? ` and ts >= ($asOf::date + 1 - $lookback::integer)::timestamptz` : ""}`;
