import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm", ".arrow": "application/vnd.apache.arrow.file",
  ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8"
};

/** Resolves a URL path the way static hosts do for Framework sites: /a/b → a/b.html, /a/ → a/index.html. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^([/\\])+/, "");
  if (path.startsWith("..")) return undefined;
  const candidates = [path, `${path}.html`, join(path, "index.html")];
  for (const c of candidates) {
    const full = join(root, c);
    if (!full.startsWith(root + sep) && full !== root) continue;
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return undefined;
}

/** A small static server for a built site; binds to loopback unless told otherwise. */
export function serveStatic(root: string, { port = 0, host = "127.0.0.1" } = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = resolveStaticPath(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({ server, url: `http://${host}:${actual}` });
    });
  });
}
