import { startMariaDb, tryStart } from "../helpers/db-servers.ts";
import { sourceSuite } from "./source-suite.ts";

sourceSuite("MariaDB", await tryStart(startMariaDb, "MariaDB"), { timestamp: "datetime(6)" });
