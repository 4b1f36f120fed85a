import type { Robot, RobotMessage, RobotRequest } from "./robot.ts";

/** 企业微信 group robot: {"msgtype":"markdown","markdown":{"content":…}}; no signing, the key is in the URL. */
export function wecomRequest(robot: Robot, message: RobotMessage): RobotRequest {
  const content = [`**${message.title}**`, message.text, ...(message.link ? [`[打开报告](${message.link})`] : [])].join("\n");
  return { url: robot.url, body: { msgtype: "markdown", markdown: { content } } };
}
