export { openTestDatabase, type TestDatabaseTarget, testDatabaseTargets } from "./test-database.js";
