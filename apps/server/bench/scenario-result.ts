// What a scenario measured, and the tally that collects it response by response. Answers 503 (shed for
// load, issue 12) are kept apart from the accepted ones: their latency says how fast the server refuses,
// and mixed in they would make an overloaded server look fast.

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ScenarioResult {
  scenario: string;
  target: string;
  /** Connections (closed loop) or virtual users. */
  connections: number;
  durationSeconds: number;
  /** Responses that were not shed (any status but 503), per second. */
  requestsPerSecond: number;
  /** requestsPerSecond ÷ bare Fastify's in the same run. */
  ratioToBaseline: number | null;
  /** Latency of the responses that were not shed. */
  latencyMs: LatencySummary;
  accepted: number;
  shed: { count: number; latencyMs: LatencySummary };
  statusCounts: Record<string, number>;
  /** Responses that count as failures: 5xx other than 503, and 4xx other than those the scenario expects. */
  errors: number;
  /** Requests with no answer at all: connection errors and client timeouts. */
  timeouts: number;
  /** CPU seconds per wall second: 1.0 is one core busy. */
  cpu: { server: number | null; benchProcess: number } | null;
  database: { maxActiveConnections: number; meanActiveConnections: number; maxConnections: number } | null;
  /** How long the server stayed busy after the load stopped (null: longer than the limit), and whether it was restarted. */
  afterLoad: { busySeconds: number | null; restarted: boolean } | null;
  notes: string[];
}

export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
    mean: sorted.length ? latencies.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN,
  };
}

/** Responses as they come: statuses, accepted and shed latencies, and failures. */
export class ResponseTally {
  readonly statusCounts: Record<string, number> = {};
  private readonly acceptedLatencies: number[] = [];
  private readonly shedLatencies: number[] = [];
  errors = 0;
  timeouts = 0;

  /** @param expected statuses that are outcomes, not errors (besides 2xx and 503). */
  constructor(private readonly expected: readonly number[] = []) {}

  response(status: number, milliseconds: number): void {
    this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
    if (status === 503) {
      this.shedLatencies.push(milliseconds);
      return;
    }
    this.acceptedLatencies.push(milliseconds);
    if (status >= 400 && !this.expected.includes(status)) this.errors++;
  }

  readonly noAnswerKinds: Record<string, number> = {};

  /** No answer: the connection failed or the client gave up waiting. */
  noAnswer(kind = "no answer"): void {
    this.timeouts++;
    this.noAnswerKinds[kind] = (this.noAnswerKinds[kind] ?? 0) + 1;
  }

  get accepted(): number {
    return this.acceptedLatencies.length;
  }

  result(fields: { scenario: string; target: string; connections: number; durationSeconds: number }): ScenarioResult {
    return {
      ...fields,
      requestsPerSecond: this.acceptedLatencies.length / fields.durationSeconds,
      ratioToBaseline: null,
      latencyMs: summarize(this.acceptedLatencies),
      accepted: this.acceptedLatencies.length,
      shed: { count: this.shedLatencies.length, latencyMs: summarize(this.shedLatencies) },
      statusCounts: this.statusCounts,
      errors: this.errors,
      timeouts: this.timeouts,
      cpu: null,
      database: null,
      afterLoad: null,
      notes: Object.keys(this.noAnswerKinds).length
        ? [
            `without an answer: ${Object.entries(this.noAnswerKinds)
              .map(([kind, count]) => `${kind} ${count}`)
              .join(", ")}`,
          ]
        : [],
    };
  }
}
