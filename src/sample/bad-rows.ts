import type { CsvWriter } from "./csv-writer.ts";

/**
 * The mistakes real exports contain, for `opsbook sample --with-errors`: each should end up in the
 * rejects table with its file and line, while every good row still loads.
 */
export function addBadRows({ orders, events, end }: { orders: CsvWriter; events: CsvWriter; end: string }): void {
  const day = end.replace(/-/g, "");
  // 订单: a date typed by hand, a negative amount, a status the mapping does not know, a cut-off line.
  orders.write([`DD${day}ERR0001`, "u0000001", "2026-02-30 10:00:00", "", "¥88.00", "待支付", "抖音", ""]);
  orders.write([`DD${day}ERR0002`, "u0000001", `${end} 10:00:00`, `${end} 10:01:00`, "¥-5.00", "已支付", "抖音", ""]);
  orders.write([`DD${day}ERR0003`, "u0000002", `${end} 11:00:00`, "", "¥66.00", "风控冻结", "公众号", ""]);
  orders.writeRaw(`DD${day}ERR0004,u0000003,${end} 12:00:00`);
  // 神策: an event time that is not a time, and a line with a stray extra column.
  events.write(["u0000001", "浏览页面", "昨天 10:00", "s-err", "ios", "/", "抖音", "", ""]);
  events.writeRaw(`u0000002,浏览页面,${end} 09:00:00,s-err2,ios,/,抖音,,,extra`);
}
