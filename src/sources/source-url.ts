/** Which driver a connection URL needs. */
export type Dialect = "postgres" | "mysql";

export function urlDialect(url: string): Dialect {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgres";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  throw new Error(`unsupported database URL scheme ${JSON.stringify(scheme ?? url.split(":")[0])}: use postgres://, postgresql://, mysql:// or mariadb://`);
}

/** The URL as it may be printed: the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** Drivers sometimes echo what they were given; no message leaves Opsbook with the password in it. */
export function scrubSecret(message: string, url: string): string {
  let password = "";
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {}
  let out = message.split(url).join(redactUrl(url));
  if (password.length >= 3) out = out.split(password).join("***").split(encodeURIComponent(password)).join("***");
  return out;
}
