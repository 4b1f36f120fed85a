import { dingtalkRequest } from "./dingtalk.ts";
import { feishuRequest } from "./feishu.ts";
import { platformNames, type Robot, type RobotMessage, type RobotRequest } from "./robot.ts";
import { wecomRequest } from "./wecom.ts";

export interface NotifyResult {
  platform: Robot["platform"];
  ok: boolean;
  /** Never contains the webhook URL or secret. */
  message: string;
}

export function robotRequest(robot: Robot, message: RobotMessage, now: Date): RobotRequest {
  if (robot.platform === "feishu") return feishuRequest(robot, message, now);
  if (robot.platform === "dingtalk") return dingtalkRequest(robot, message, now);
  return wecomRequest(robot, message);
}

/**
 * Posts one message to every robot. The robots answer HTTP 200 with an error code in the body
 * (飞书 `code`, 钉钉/企业微信 `errcode`); anything but 0 is a failure, reported without the URL.
 */
export async function notify(robots: Robot[], message: RobotMessage, { now = new Date(), timeoutMs = 10_000 } = {}): Promise<NotifyResult[]> {
  const results: NotifyResult[] = [];
  for (const robot of robots) {
    const name = platformNames[robot.platform];
    const { url, body } = robotRequest(robot, message, now);
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
      const answer = (await response.json().catch(() => ({}))) as { code?: number; errcode?: number; msg?: string; errmsg?: string };
      const code = answer.code ?? answer.errcode ?? (response.ok ? 0 : response.status);
      results.push(code === 0 && response.ok
        ? { platform: robot.platform, ok: true, message: `${name}: sent` }
        : { platform: robot.platform, ok: false, message: `${name}: HTTP ${response.status}, code ${code}${answer.msg ?? answer.errmsg ? ` (${answer.msg ?? answer.errmsg})` : ""}` });
    } catch (error) {
      results.push({ platform: robot.platform, ok: false, message: `${name}: ${redact((error as Error).message, robot)}` });
    }
  }
  return results;
}

function redact(text: string, robot: Robot): string {
  let out = text.split(robot.url).join("<webhook>");
  if (robot.secret) out = out.split(robot.secret).join("<secret>");
  return out;
}
