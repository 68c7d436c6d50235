/** A free slot as the availability endpoint sends it. */
export interface Slot {
  /** UTC instant, as the server sends it; also what a booking is made with. */
  start: string;
  end: string;
  seatsLeft: number;
}
