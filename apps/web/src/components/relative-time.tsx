const units: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ["minute", 60],
  ["hour", 60 * 60],
  ["day", 24 * 60 * 60],
];
const WEEK_SECONDS = 7 * 24 * 60 * 60;

// The visitor's own locale and time zone: these are times of their own devices and keys.
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function describe(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const distance = Math.abs(seconds);
  if (distance < 45) return "just now";
  if (distance >= WEEK_SECONDS) return dateFormat.format(date);
  let chosen: readonly [Intl.RelativeTimeFormatUnit, number] = ["minute", 60];
  for (const unit of units) if (distance >= unit[1]) chosen = unit;
  return relativeFormat.format(Math.round(seconds / chosen[1]), chosen[0]);
}

export interface RelativeTimeProps {
  /** An ISO 8601 timestamp from the server. */
  value: string;
}

/**
 * "5 minutes ago", or the date once it is over a week away. The exact local date and time is in a
 * tooltip and in the <time> element's machine-readable form.
 */
export function RelativeTime({ value }: RelativeTimeProps) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={value} title={dateTimeFormat.format(date)}>
      {describe(date, Date.now())}
    </time>
  );
}
