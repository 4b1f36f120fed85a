/** Order states as shop back ends export them, mapped to the warehouse's four. */
export const orderStatus: Record<string, string> = {
  已支付: "paid", 已付款: "paid", 交易成功: "paid", 已完成: "paid", 已发货: "paid", paid: "paid", completed: "paid",
  已退款: "refunded", 退款成功: "refunded", refunded: "refunded",
  已取消: "cancelled", 交易关闭: "cancelled", cancelled: "cancelled", canceled: "cancelled",
  待支付: "pending", 待付款: "pending", pending: "pending"
};
