/** A group robot (群机器人) webhook; secrets come from the environment only, never from files. */
export interface Robot {
  platform: "feishu" | "dingtalk" | "wecom";
  url: string;
  /** 加签 secret (飞书, 钉钉); 企业微信 robots carry their key in the URL instead. */
  secret?: string;
}

export interface RobotMessage {
  title: string;
  /** Plain lines; each platform formats them its way. */
  text: string;
  link?: string;
}

/** The HTTP request one platform expects. */
export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

export const platformNames: Record<Robot["platform"], string> = { feishu: "飞书", dingtalk: "钉钉", wecom: "企业微信" };

/**
 * OPSBOOK_FEISHU_WEBHOOK (+ OPSBOOK_FEISHU_SECRET), OPSBOOK_DINGTALK_WEBHOOK (+ OPSBOOK_DINGTALK_SECRET),
 * OPSBOOK_WECOM_WEBHOOK: every robot configured, in that order.
 */
export function robotsFromEnv(env: NodeJS.ProcessEnv = process.env): Robot[] {
  const robots: Robot[] = [];
  const add = (platform: Robot["platform"], prefix: string) => {
    const url = env[`OPSBOOK_${prefix}_WEBHOOK`]?.trim();
    if (!url) return;
    if (!/^https?:\/\//.test(url)) throw new Error(`OPSBOOK_${prefix}_WEBHOOK must be an http(s) URL`);
    robots.push({ platform, url, secret: env[`OPSBOOK_${prefix}_SECRET`]?.trim() || undefined });
  };
  add("feishu", "FEISHU");
  add("dingtalk", "DINGTALK");
  add("wecom", "WECOM");
  return robots;
}
