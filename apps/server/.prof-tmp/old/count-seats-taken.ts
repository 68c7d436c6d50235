import type { OccupiedInterval } from "./compute-available-slots.js";

/** A half-open range of instants (epoch milliseconds). */
export interface InstantRange {
  start: number;
  end: number;
}

/**
 * For each range, the sum of the seats of the occupied intervals overlapping it (half-open overlap:
 * a.start < b.end && b.start < a.end).
 *
 * `ranges` must be non-empty ranges sorted so that both their starts and their ends never decrease;
 * slots of one length sorted by start are. That lets one sweep answer every range in
 * O((occupied + ranges) · log) instead of comparing every slot with every booking:
 * seats taken = seats of intervals that start before the range ends
 *             − seats of intervals that end at or before the range starts.
 * The second set lies inside the first (such an interval starts before it ends, hence before the range
 * ends), so the difference is exactly the intervals that overlap. Both counts only grow as the ranges
 * move right, so two pointers over two sorted copies suffice.
 *
 * Occupied intervals with end <= start hold no instant and are ignored.
 */
export function countSeatsTaken(occupied: readonly OccupiedInterval[], ranges: readonly InstantRange[]): number[] {
  const held: { start: number; end: number; seats: number }[] = [];
  for (const interval of occupied) {
    const start = interval.start.getTime();
    const end = interval.end.getTime();
    if (Number.isNaN(start) || Number.isNaN(end) || !Number.isFinite(interval.seats)) {
      throw new RangeError("An occupied interval has an invalid date or seat count");
    }
    if (end > start) held.push({ start, end, seats: interval.seats });
  }
  const byStart = [...held].sort((a, b) => a.start - b.start);
  const byEnd = held.sort((a, b) => a.end - b.end);

  const taken: number[] = [];
  let nextStart = 0;
  let nextEnd = 0;
  let seatsStarted = 0;
  let seatsEnded = 0;
  let previous: InstantRange | undefined;
  for (const range of ranges) {
    if (range.end <= range.start || (previous && (range.start < previous.start || range.end < previous.end))) {
      throw new RangeError("countSeatsTaken needs non-empty ranges with non-decreasing starts and ends");
    }
    previous = range;
    for (let next = byStart[nextStart]; next !== undefined && next.start < range.end; next = byStart[++nextStart]) {
      seatsStarted += next.seats;
    }
    for (let next = byEnd[nextEnd]; next !== undefined && next.end <= range.start; next = byEnd[++nextEnd]) {
      seatsEnded += next.seats;
    }
    taken.push(seatsStarted - seatsEnded);
  }
  return taken;
}
