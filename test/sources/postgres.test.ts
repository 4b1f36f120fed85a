import { startPostgres, tryStart } from "../helpers/db-servers.ts";
import { sourceSuite } from "./source-suite.ts";

sourceSuite("PostgreSQL", await tryStart(startPostgres, "PostgreSQL"), { timestamp: "timestamp(6)" });
