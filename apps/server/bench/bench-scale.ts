// How much load the bench sends. BENCH_SMOKE=1 runs every scenario tiny and short (about a minute), to
// check the bench itself after changing it without loading the machine; its numbers mean nothing.

export interface BenchScale {
  smoke: boolean;
  /** Connections of each closed loop. */
  connections: number;
  baselineSeconds: number;
  /** Each closed-loop scenario against the server. */
  scenarioSeconds: number;
  users: number;
  usersRampSeconds: number;
  usersMeasureSeconds: number;
}

const FULL: BenchScale = {
  smoke: false,
  connections: 1000,
  baselineSeconds: 10,
  scenarioSeconds: 15,
  users: 1000,
  usersRampSeconds: 30,
  usersMeasureSeconds: 120,
};

const SMOKE: BenchScale = {
  smoke: true,
  connections: 20,
  baselineSeconds: 2,
  scenarioSeconds: 3,
  users: 20,
  usersRampSeconds: 3,
  usersMeasureSeconds: 8,
};

export const benchScale: BenchScale = process.env.BENCH_SMOKE ? SMOKE : FULL;
