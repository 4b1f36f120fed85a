import { createHmac } from "node:crypto";
import type { Robot, RobotMessage, RobotRequest } from "./robot.ts";

/**
 * 钉钉 custom robot: {"msgtype":"markdown","markdown":{"title","text"}}. 加签 appends
 * `&timestamp=<ms>&sign=<urlencoded base64(HMAC-SHA256 keyed by secret over timestamp + "\n" + secret)>`.
 */
export function dingtalkRequest(robot: Robot, message: RobotMessage, now: Date): RobotRequest {
  const lines = message.text.split("\n").map((l) => (l.startsWith("- ") || l.startsWith("  ") ? l : `${l}\n`));
  const text = [`#### ${message.title}`, "", ...lines, ...(message.link ? ["", `[打开报告](${message.link})`] : [])].join("\n");
  let url = robot.url;
  if (robot.secret) {
    const timestamp = String(now.getTime());
    const sign = createHmac("sha256", robot.secret).update(`${timestamp}\n${robot.secret}`).digest("base64");
    url += `${url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
  }
  return { url, body: { msgtype: "markdown", markdown: { title: message.title, text } } };
}
