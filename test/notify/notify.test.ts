import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "../../src/notify/notify.ts";
import { robotsFromEnv } from "../../src/notify/robot.ts";
import { robotServer } from "../helpers/robot-server.ts";

const message = { title: "Opsbook 运营报告 已更新", text: "2026-W47\n环比变化最大：\n- GMV ¥700.00（+10.0%）", link: "https://reports.example.cn/weekly/2026-W47" };
const now = new Date("2026-11-23T00:00:05Z");
let server: Awaited<ReturnType<typeof robotServer>>;

beforeAll(async () => {
  server = await robotServer((post) => (post.path === "/broken" ? { errcode: 310000, errmsg: "sign not match" } : { code: 0, errcode: 0 }));
});
afterAll(() => server.close());

describe("group robot notifications", () => {
  it("signs 飞书 messages in the body as Feishu documents (HMAC keyed by timestamp + \\n + secret)", async () => {
    const [result] = await notify([{ platform: "feishu", url: `${server.url}/feishu/hook`, secret: "fs-secret" }], message, { now });
    expect(result).toEqual({ platform: "feishu", ok: true, message: "飞书: sent" });
    const { body } = server.posts.find((p) => p.path === "/feishu/hook")!;
    expect(body.msg_type).toBe("text");
    expect(body.content.text).toBe(`${message.title}\n${message.text}\n${message.link}`);
    // 1795392005 = 2026-11-23T00:00:05Z in seconds.
    expect(body.timestamp).toBe("1795392005");
    // Verification the way Feishu's server does it, written independently of the client code.
    const expected = createHmac("sha256", "1795392005\nfs-secret").digest("base64");
    expect(body.sign).toBe(expected);
  });

  it("signs 钉钉 messages in the URL (timestamp in ms, url-encoded base64 HMAC keyed by the secret)", async () => {
    await notify([{ platform: "dingtalk", url: `${server.url}/robot/send?access_token=abc`, secret: "SECdd" }], message, { now });
    const post = server.posts.find((p) => p.path === "/robot/send")!;
    expect(post.query.get("access_token")).toBe("abc");
    expect(post.query.get("timestamp")).toBe("1795392005000");
    const sign = createHmac("sha256", "SECdd").update("1795392005000\nSECdd").digest("base64");
    expect(post.query.get("sign")).toBe(sign); // URLSearchParams has already decoded it
    expect(post.body.msgtype).toBe("markdown");
    expect(post.body.markdown.title).toBe(message.title);
    expect(post.body.markdown.text).toContain("- GMV ¥700.00（+10.0%）");
    expect(post.body.markdown.text).toContain(`[打开报告](${message.link})`);
  });

  it("posts 企业微信 markdown with the key only in the URL", async () => {
    await notify([{ platform: "wecom", url: `${server.url}/cgi-bin/webhook/send?key=k1` }], message, { now });
    const post = server.posts.find((p) => p.path === "/cgi-bin/webhook/send")!;
    expect(post.query.get("key")).toBe("k1");
    expect(Object.keys(post.body)).toEqual(["msgtype", "markdown"]);
    expect(post.body.msgtype).toBe("markdown");
    expect(post.body.markdown.content).toMatch(/^\*\*Opsbook 运营报告 已更新\*\*\n2026-W47/);
  });

  it("reports a robot's error code without revealing its URL or secret", async () => {
    const [result] = await notify([{ platform: "dingtalk", url: `${server.url}/broken?access_token=TOKEN123`, secret: "SEC456" }], message, { now });
    expect(result.ok).toBe(false);
    expect(result.message).toBe("钉钉: HTTP 200, code 310000 (sign not match)");
    const [unreachable] = await notify([{ platform: "wecom", url: "http://127.0.0.1:1/send?key=KEY789" }], message, { now, timeoutMs: 2000 });
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).not.toMatch(/KEY789/);
  });

  it("reads robots from the environment only", () => {
    expect(robotsFromEnv({ OPSBOOK_FEISHU_WEBHOOK: "https://open.feishu.cn/x", OPSBOOK_FEISHU_SECRET: "s", OPSBOOK_WECOM_WEBHOOK: "https://qyapi.weixin.qq.com/y" })).toEqual([
      { platform: "feishu", url: "https://open.feishu.cn/x", secret: "s" },
      { platform: "wecom", url: "https://qyapi.weixin.qq.com/y", secret: undefined }
    ]);
    expect(() => robotsFromEnv({ OPSBOOK_DINGTALK_WEBHOOK: "oapi.dingtalk.com" })).toThrow(/OPSBOOK_DINGTALK_WEBHOOK must be an http\(s\) URL/);
  });
});
