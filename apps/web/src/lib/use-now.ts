import { useEffect, useState } from "react";

/** The current time in milliseconds, renewed every `intervalMilliseconds`, for countdowns and deadlines. */
export function useNow(intervalMilliseconds = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMilliseconds);
    return () => clearInterval(timer);
  }, [intervalMilliseconds]);
  return now;
}
