/**
 * A bounded share of work (issue 12, "no collapse"): at most `maxInFlight` requests are worked on at once;
 * the next ones wait their turn in order, but only while their expected wait fits `maxQueueMs`. Past that a
 * request is refused at once, so a refusal costs microseconds instead of a timeout, and the requests let in
 * keep answering within the budget however many clients pile up (latency is otherwise clients ÷ throughput).
 *
 * The expected wait is the queue's length divided by the rate at which turns were recently handed over,
 * so the queue grows to whatever the server drains in `maxQueueMs`, and no further. A waiting request that
 * still reaches its deadline is refused then (the estimate was wrong; the answer stays bounded).
 */
export interface AdmissionGateOptions {
  maxInFlight: number;
  maxQueueMs: number;
  /** For tests: the clock in milliseconds. */
  now?: () => number;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false };

interface Waiter {
  deadline: number;
  settle: (admission: Admission) => void;
  timer: NodeJS.Timeout;
}

/** How long a rate sample lasts: a quarter second reacts quickly and still counts enough turns. */
const RATE_WINDOW_MS = 250;

export class AdmissionGate {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private readonly now: () => number;
  /** Turns handed over per millisecond, smoothed over the recent windows. */
  private rate = 0;
  private windowStart: number;
  private windowTurns = 0;

  constructor(private readonly options: AdmissionGateOptions) {
    this.now = options.now ?? (() => performance.now());
    this.windowStart = this.now();
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Resolves when the request may start, or with `admitted: false` when it should be refused. */
  enter(): Admission | Promise<Admission> {
    if (this.inFlight < this.options.maxInFlight && this.waiting.length === 0) return this.admit();
    if (this.expectedWaitMs(this.waiting.length + 1) > this.options.maxQueueMs) return { admitted: false };
    return new Promise<Admission>((settle) => {
      const deadline = this.now() + this.options.maxQueueMs;
      const waiter: Waiter = {
        deadline,
        settle,
        timer: setTimeout(() => this.expire(waiter), this.options.maxQueueMs),
      };
      this.waiting.push(waiter);
    });
  }

  private admit(): Admission {
    this.inFlight++;
    this.countTurn();
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.handOver();
      },
    };
  }

  private handOver(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const next = this.waiting.shift();
      if (!next) return;
      clearTimeout(next.timer);
      next.settle(this.admit());
    }
  }

  private expire(waiter: Waiter): void {
    const index = this.waiting.indexOf(waiter);
    if (index === -1) return;
    this.waiting.splice(index, 1);
    waiter.settle({ admitted: false });
  }

  /** The wait of the `position`-th in line at the recent rate; with no rate known yet, assume it fits. */
  private expectedWaitMs(position: number): number {
    this.rollWindow();
    if (this.rate === 0) return position <= this.options.maxInFlight ? 0 : Number.POSITIVE_INFINITY;
    return position / this.rate;
  }

  private countTurn(): void {
    this.rollWindow();
    this.windowTurns++;
  }

  private rollWindow(): void {
    const elapsed = this.now() - this.windowStart;
    if (elapsed < RATE_WINDOW_MS) return;
    const sample = this.windowTurns / elapsed;
    // Half from the last window, half from before: a change of pace shows within a window or two.
    this.rate = this.rate === 0 ? sample : (this.rate + sample) / 2;
    this.windowStart = this.now();
    this.windowTurns = 0;
  }
}
