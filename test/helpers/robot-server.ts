import { createServer, type Server } from "node:http";

export interface ReceivedPost {
  path: string;
  query: URLSearchParams;
  body: Record<string, any>;
}

/**
 * A stand-in for the group-robot APIs on 127.0.0.1: records every POST and answers as the
 * platforms do (HTTP 200, error code in the body), or with `reply` for failure cases.
 */
export async function robotServer(reply: (post: ReceivedPost) => Record<string, unknown> = () => ({ code: 0, errcode: 0 })): Promise<{ url: string; posts: ReceivedPost[]; close(): Promise<void> }> {
  const posts: ReceivedPost[] = [];
  const server: Server = createServer((req, res) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const post = { path: url.pathname, query: url.searchParams, body: JSON.parse(data || "{}") };
      posts.push(post);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply(post)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, posts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
