/**
 * How long the cluster primary waits before replacing a worker that died: at once for a rare crash, and
 * doubling (up to `maxMs`) while crashes follow each other within `windowMs`, so a worker that dies on every
 * start (a bad deploy, a database that refuses) does not spin the CPU and flood the log.
 */
export class WorkerRestartBackoff {
  private crashes: number[] = [];

  constructor(
    private readonly options: { firstMs: number; maxMs: number; windowMs: number } = {
      firstMs: 0,
      maxMs: 30_000,
      windowMs: 60_000,
    },
  ) {}

  /** Records a crash at `now` and returns the milliseconds to wait before the replacement starts. */
  delayAfterCrash(now: number): number {
    this.crashes = this.crashes.filter((at) => now - at < this.options.windowMs);
    this.crashes.push(now);
    const recent = this.crashes.length;
    if (recent === 1) return this.options.firstMs;
    return Math.min(this.options.maxMs, 500 * 2 ** (recent - 2));
  }
}
