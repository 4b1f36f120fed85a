/**
 * Event names as the analytics tools export them. A metric that needs "a page view" matches any
 * of these, so 神策's $pageview and a Chinese-named 浏览页面 count the same.
 */
export const eventNames = {
  pageView: ["浏览页面", "$pageview", "page_view", "$AppViewScreen", "$MPViewScreen"],
  signUp: ["注册", "sign_up", "$SignUp"],
  viewProduct: ["浏览商品", "view_item"],
  addToCart: ["加入购物车", "add_to_cart"],
  submitOrder: ["提交订单", "submit_order"],
  pay: ["支付成功", "pay_order", "purchase"]
} as const;

/** A SQL list literal such as ('浏览页面', '$pageview'). Names are constants, never user input. */
export const sqlList = (names: readonly string[]) => `(${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(", ")})`;
