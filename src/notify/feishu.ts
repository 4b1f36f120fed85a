import { createHmac } from "node:crypto";
import type { Robot, RobotMessage, RobotRequest } from "./robot.ts";

/**
 * 飞书 custom bot: {"msg_type":"text","content":{"text":…}}. With 签名校验 the body also carries
 * `timestamp` (seconds) and `sign` = base64(HMAC-SHA256 keyed by timestamp + "\n" + secret, over
 * an empty message), as Feishu documents.
 */
export function feishuRequest(robot: Robot, message: RobotMessage, now: Date): RobotRequest {
  const text = [message.title, message.text, message.link].filter(Boolean).join("\n");
  const body: Record<string, unknown> = { msg_type: "text", content: { text } };
  if (robot.secret) {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    body.timestamp = timestamp;
    body.sign = createHmac("sha256", `${timestamp}\n${robot.secret}`).update("").digest("base64");
  }
  return { url: robot.url, body };
}
