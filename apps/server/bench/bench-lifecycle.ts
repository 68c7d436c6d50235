// What keeps `pnpm bench` bounded and tidy: clean-up steps that also run on failure, Ctrl-C and the watchdog.

/** A failure whose message says it all (no stack trace needed). */
export class BenchError extends Error {}

const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaningUp: Promise<void> | null = null;

/** Registers a clean-up step; steps run in reverse order of registration. */
export function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

export function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`Clean-up step "${step.name}" failed:`, error);
      }
    }
  })();
  return cleaningUp;
}

/** Runs `main` with a watchdog (past `limitMs` the bench cleans up and exits 1) and clean-up on SIGINT. */
export async function runBounded(main: () => Promise<void>, limitMs: number): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`The bench ran longer than ${limitMs / 60_000} minutes; giving up.`);
    void cleanUp().finally(() => process.exit(1));
  }, limitMs);
  watchdog.unref();
  process.once("SIGINT", () => {
    console.error("Interrupted; cleaning up.");
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    await main();
  } catch (error) {
    console.error(error instanceof BenchError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
    clearTimeout(watchdog);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
