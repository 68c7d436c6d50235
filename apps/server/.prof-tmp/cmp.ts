import { computeAvailableSlots as oldC } from "./old/compute-available-slots.ts";
import { computeAvailableSlots as newC } from "./new/compute-available-slots.ts";
import { countSeatsTaken as oldS } from "./old/count-seats-taken.ts";
import { countSeatsTaken as newS } from "./new/count-seats-taken.ts";
import { localOpeningIntervals as oldI } from "./old/local-opening-intervals.ts";
import { localOpeningIntervals as newI } from "./new/local-opening-intervals.ts";
const rules = { timeZone: "Europe/Berlin", slotMinutes: 15, bufferBeforeMinutes: 10, bufferAfterMinutes: 5, minNoticeMinutes: 0, horizonDays: 365, capacity: 16,
  weeklyHours: [1,2,3,4,5,6,7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })), overrides: [] };
const from = Date.parse("2026-03-01T00:00:00Z"), to = Date.parse("2026-04-01T00:00:00Z");
let seed = 7; const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const occ = Array.from({ length: 5000 }, () => { const s = from + Math.floor(random() * (to - from) / 60000) * 60000; return { start: new Date(s), end: new Date(s + (15 + Math.floor(random()*106))*60000), seats: 1 + Math.floor(random()*2) }; });
const ranges = Array.from({ length: 2976 }, (_, i) => ({ start: from + i * 900000 - 600000, end: from + i * 900000 + 1200000 }));
const w = { from: new Date(from), to: new Date(to) }, now = new Date(from - 86400000);
const time = (label: string, fn: () => unknown) => { for (let i = 0; i < 30; i++) fn(); const t = performance.now(); for (let i = 0; i < 200; i++) fn(); console.log(label.padEnd(12), ((performance.now() - t) / 200).toFixed(3), "ms"); };
for (let round = 0; round < 2; round++) {
  time("old I", () => oldI(rules, from, to)); time("new I", () => newI(rules, from, to));
  time("old S", () => oldS(occ, ranges)); time("new S", () => newS(occ, ranges));
  time("old all", () => oldC(rules, occ, w, now)); time("new all", () => newC(rules, occ, w, now));
}
console.log(JSON.stringify(oldC(rules, occ, w, now)) === JSON.stringify(newC(rules, occ, w, now)));
console.log(JSON.stringify(oldS(occ, ranges)) === JSON.stringify(newS(occ, ranges)));
