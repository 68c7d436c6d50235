import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Admission, AdmissionGate } from "./admission-gate.js";

function admitted(admission: Admission): () => void {
  if (!admission.admitted) throw new Error("expected to be admitted");
  return admission.release;
}

describe("AdmissionGate", () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const gate = (maxInFlight: number, maxQueueMs: number) => new AdmissionGate({ maxInFlight, maxQueueMs, now: () => clock });

  it("admits up to its share at once, then hands turns over in arrival order", async () => {
    const subject = gate(2, 1_000);
    const first = admitted(await subject.enter());
    admitted(await subject.enter());
    const order: string[] = [];
    const third = Promise.resolve(subject.enter()).then((admission) => {
      order.push("third");
      return admission;
    });
    const fourth = Promise.resolve(subject.enter()).then((admission) => {
      order.push("fourth");
      return admission;
    });
    expect(subject.waitingCount).toBe(2);
    first();
    first(); // Releasing twice frees one turn only.
    expect((await third).admitted).toBe(true);
    expect(subject.inFlightCount).toBe(2);
    expect(subject.waitingCount).toBe(1);
    expect(order).toEqual(["third"]);
    void fourth;
  });

  it("refuses at once whoever would wait longer than the limit at the recent pace", async () => {
    const subject = gate(1, 50);
    // A measured pace: 10 turns in 250 ms, i.e. one turn every 25 ms.
    for (let turn = 0; turn < 10; turn++) {
      admitted(await subject.enter())();
      clock += 25;
    }
    const busy = admitted(await subject.enter());
    // 1st and 2nd in line expect 25 and 50 ms: they wait. The 3rd would expect 75 ms: refused without waiting.
    const waiting = [subject.enter(), subject.enter()];
    expect(subject.enter()).toEqual({ admitted: false });
    expect(subject.waitingCount).toBe(2);
    busy();
    expect((await waiting[0])?.admitted).toBe(true);
  });

  it("refuses a waiting request at its deadline when no turn came", async () => {
    const subject = gate(1, 50);
    admitted(await subject.enter());
    const waiting = subject.enter();
    vi.advanceTimersByTime(49);
    expect(subject.waitingCount).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await waiting).toEqual({ admitted: false });
    expect(subject.waitingCount).toBe(0);
  });

  it("with no pace measured yet, queues no more than its share", async () => {
    const subject = gate(2, 50);
    admitted(await subject.enter());
    admitted(await subject.enter());
    void subject.enter();
    void subject.enter();
    expect(subject.enter()).toEqual({ admitted: false });
  });
});
