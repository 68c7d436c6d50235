import pg from "pg";
import { vi } from "vitest";

/**
 * The text of every statement the server's own pool sends while `action` runs; pg-boss's workers poll on
 * connections of their own (application_name pgboss…), which are left out. Jobs enqueued in a request's
 * transaction go through the request's connection and are counted. Counted on node-postgres, whose client
 * a test can watch.
 */
export async function statementsOf(action: () => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  const query = pg.Client.prototype.query;
  const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    const application = (this as unknown as { connectionParameters?: { application_name?: string } }).connectionParameters;
    if (!application?.application_name?.startsWith("pgboss"))
      statements.push(typeof first === "string" ? first : String((first as { text?: string })?.text ?? first));
    return (query as (...parameters: unknown[]) => unknown).apply(this, args);
  } as typeof query);
  try {
    await action();
  } finally {
    spy.mockRestore();
  }
  return statements;
}

/** The statements, numbered and shortened, for a failure message or SHOW_BOOKING_STATEMENTS. */
export function listStatements(statements: readonly string[]): string {
  return statements.map((text, index) => `${index + 1}. ${text.replace(/\s+/g, " ").slice(0, 200)}`).join("\n");
}
