import type { Preset } from "../preset.ts";
import { orderStatus } from "./order-status.ts";

/** The order export most Chinese shop back ends produce (有赞, 微店, self-built): Chinese headers, ¥ amounts. */
export const genericOrders: Preset = {
  name: "generic-orders",
  label: "订单导出（通用）",
  table: "orders",
  fileName: "订单",
  columns: {
    order_id: { from: ["订单号", "订单编号"], parse: "text", required: true },
    user_id: { from: ["用户ID", "买家ID", "会员ID"], parse: "text", required: true },
    ts: { from: ["下单时间", "创建时间"], parse: "timestamp", required: true },
    paid_at: { from: ["支付时间", "付款时间"], parse: "timestamp" },
    amount: { from: ["实付金额", "实付款", "支付金额"], parse: "money", required: true },
    status: { from: ["订单状态", "交易状态"], parse: "text", required: true, values: orderStatus },
    channel: { from: ["渠道", "来源渠道"], parse: "text" },
    campaign_id: { from: ["活动ID", "活动编号"], parse: "text" }
  }
};
