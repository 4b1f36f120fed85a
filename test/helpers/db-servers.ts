import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import pg from "pg";

/**
 * Real database servers for the source tests: each test file starts its own PostgreSQL or MariaDB
 * from the Debian packages, in a temporary directory, on a free loopback port, and stops it after.
 */
export interface DbServer {
  kind: "postgres" | "mariadb";
  /** Connection URL of an ordinary user with a password, database "shop". */
  url: string;
  password: string;
  /** Runs statements as that user (test fixtures: create tables, insert, update). */
  exec(sql: string, params?: unknown[]): Promise<void>;
  rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export type Started = { server: DbServer; skip?: undefined } | { server?: undefined; skip: string };

const password = "Pa55-w0rd-zhi-neng-yun-ying";
const pgBin = "/usr/lib/postgresql/15/bin";

/** Root cannot run initdb or mariadbd: the servers run as their Debian system users. */
const asRoot = process.getuid?.() === 0;

function run(user: string, command: string, args: string[]) {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", user, "--", command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.error?.message}): ${(result.stderr || result.stdout || "").slice(-2000)}`);
  return result.stdout;
}

function privateDir(prefix: string, user: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync("id", [flag, user], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  chmodSync(dir, 0o700);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startPostgres(): Promise<DbServer> {
  if (!existsSync(join(pgBin, "initdb"))) throw new Error(`PostgreSQL is not installed (${pgBin}/initdb missing; apt-get install postgresql)`);
  const dir = privateDir("opsbook-pg-", "postgres");
  const data = join(dir, "data");
  const port = await freePort();
  try {
    writeFileSync(join(dir, "pw"), password);
    if (asRoot) spawnSync("chown", ["postgres", join(dir, "pw")]);
    run("postgres", join(pgBin, "initdb"), ["-D", data, "-U", "opsbook", `--pwfile=${join(dir, "pw")}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]);
    run("postgres", join(pgBin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`, "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "opsbook", password, database: "postgres" });
  await waitFor("PostgreSQL did not accept connections", () => admin.connect());
  await admin.query("create database shop");
  await admin.end();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "opsbook", password, database: "shop" });
  await client.connect();
  return {
    kind: "postgres",
    url: `postgres://opsbook:${password}@127.0.0.1:${port}/shop`,
    password,
    async exec(sql, params) {
      await client.query(sql, params);
    },
    async rows(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async stop() {
      await client.end().catch(() => {});
      try {
        run("postgres", join(pgBin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  };
}

export async function startMariaDb(): Promise<DbServer> {
  const installDb = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"].find(existsSync);
  const daemon = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"].find(existsSync);
  if (!installDb || !daemon) throw new Error("MariaDB is not installed (mariadb-install-db / mariadbd missing; apt-get install mariadb-server)");
  const dir = privateDir("opsbook-maria-", "mysql");
  const data = join(dir, "data");
  const socket = join(dir, "mysqld.sock");
  const port = await freePort();
  let child: ChildProcess | undefined;
  const stderr: string[] = [];
  try {
    run("mysql", installDb, ["--no-defaults", `--datadir=${data}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...(asRoot ? ["--user=mysql"] : [])]);
    child = spawn(daemon, [
      "--no-defaults", `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, "--bind-address=127.0.0.1", `--pid-file=${join(dir, "pid")}`,
      "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M", "--innodb-flush-log-at-trx-commit=0",
      "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", ...(asRoot ? ["--user=mysql"] : [])
    ], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (chunk) => stderr.push(String(chunk)));
    const exited = new Promise<never>((_, reject) => child!.once("exit", (code) => reject(new Error(`mariadbd exited with ${code}: ${stderr.join("").slice(-2000)}`))));
    exited.catch(() => {});
    const root = await Promise.race([exited, waitFor("MariaDB did not accept connections", () => mysql.createConnection({ socketPath: socket, user: "root" }))]);
    await root.query("create database shop character set utf8mb4");
    await root.query("create user 'opsbook'@'%' identified by ?", [password]);
    await root.query("grant all on shop.* to 'opsbook'@'%'");
    await root.end();
  } catch (error) {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const connection = await mysql.createConnection({ host: "127.0.0.1", port, user: "opsbook", password, database: "shop", multipleStatements: true });
  return {
    kind: "mariadb",
    url: `mysql://opsbook:${password}@127.0.0.1:${port}/shop`,
    password,
    async exec(sql, params) {
      await connection.query(sql, params);
    },
    async rows(sql, params) {
      return (await connection.query(sql, params))[0] as Record<string, unknown>[];
    },
    async stop() {
      await connection.end().catch(() => {});
      const gone = new Promise((resolve) => child!.once("exit", resolve));
      child!.kill("SIGTERM");
      const timer = setTimeout(() => child!.kill("SIGKILL"), 20_000);
      await gone;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Starts a server for a test file. A machine that cannot run one skips the tests loudly, except
 * under CI=true, where a missing server is a failure: CI must exercise the real thing.
 */
export async function tryStart(start: () => Promise<DbServer>, label: string): Promise<Started> {
  try {
    return { server: await start() };
  } catch (error) {
    const reason = `${label} could not be started: ${(error as Error).message}`;
    if (process.env.CI && process.env.CI !== "false") throw new Error(`${reason} (CI=true: database tests must run)`);
    console.warn(`\n⚠ SKIPPING ${label} tests — ${reason}\n`);
    return { skip: reason };
  }
}

