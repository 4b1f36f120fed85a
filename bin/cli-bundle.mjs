// Start-up of the opsbook CLI from one prebuilt file instead of ~300 TypeScript modules compiled
// on the fly by tsx (≈ 1 s of CPU before any work, paid by every `opsbook metric … --events` run).
// The bundle is built by esbuild from src/ with packages left external, cached under
// node_modules/.cache/opsbook/ and keyed by every source file's path, size and modification time,
// so an edited source is never run stale: the next start rebuilds (≈ 0.4 s).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

/** Hash of the names, sizes and modification times of every file under `dirs` (and of `files`). */
export function sourceKey(root, dirs, files = []) {
  const hash = createHash("sha256");
  const add = (path) => {
    const s = statSync(path);
    hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  dirs.forEach(walk);
  files.forEach(add);
  return hash.digest("hex").slice(0, 16);
}

/**
 * A module's own URL in place of `import.meta.url`, which in a bundle would be the bundle's:
 * src/build/run-framework.ts finds offline-guard.ts beside itself.
 */
const ownUrlPlugin = (root) => ({
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!args.path.startsWith(root)) return undefined;
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  }
});

/**
 * Heavy CommonJS packages that only some commands use (reading .xlsx, database sources) are loaded
 * on first use instead of at start-up: exceljs alone costs ≈ 1 s of CPU to load. Each is imported
 * as `import x from "pkg"` and only used through its properties, so a proxy stands in for it.
 */
const lazyPackages = ["exceljs", "pg", "mysql2/promise"];
const lazyPlugin = (root) => ({
  name: "lazy-packages",
  setup(build) {
    const filter = new RegExp(`^(${lazyPackages.map((p) => p.replace(/[/]/g, "\\/")).join("|")})$`);
    build.onResolve({ filter }, (args) => (args.kind === "import-statement" ? { path: args.path, namespace: "lazy-package" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "lazy-package" }, (args) => ({
      contents: `import { createRequire } from "node:module";
const require = createRequire(${JSON.stringify(pathToFileURL(join(root, "package.json")).href)});
let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
export default new Proxy({}, { get: (_, key) => Reflect.get(load(), key), has: (_, key) => Reflect.has(load(), key), ownKeys: () => Reflect.ownKeys(load()), getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; } });`,
      loader: "js"
    }));
  }
});

/**
 * Path of the current bundle of `entry` (relative to root), built first when sources changed.
 * Other entries (src/build/run-framework.ts bundles the Framework config) pass their own `name`;
 * an entry outside src/ is part of the key.
 */
export async function cliBundle({ root, entry = "src/cli/main.ts", name = "cli", cacheDir = join(root, "node_modules", ".cache", "opsbook") }) {
  const outside = relative(join(root, "src"), join(root, entry)).startsWith("..") ? [join(root, entry)] : [];
  const key = sourceKey(root, [join(root, "src")], [new URL(import.meta.url).pathname, ...outside]);
  const out = join(cacheDir, `${name}-${key}.mjs`);
  if (existsSync(out)) return out;
  mkdirSync(cacheDir, { recursive: true });
  const { build } = await import("esbuild");
  // Written aside and renamed: two CLIs starting at once never import a half-written file.
  const partial = `${out}.${process.pid}.partial`;
  await build({ entryPoints: [join(root, entry)], bundle: true, packages: "external", format: "esm", platform: "node", target: "node20", outfile: partial, logLevel: "error", plugins: [ownUrlPlugin(root), lazyPlugin(root)] });
  renameSync(partial, out);
  // Older bundles go once they are an hour old (a CLI started just before may still be loading one).
  for (const file of readdirSync(cacheDir)) {
    const path = join(cacheDir, file);
    if (path !== out && file.startsWith(`${name}-`) && Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { force: true });
  }
  return out;
}
