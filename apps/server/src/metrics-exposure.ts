import type { Config } from "./config.js";

/**
 * Where /metrics is served: `token` on PORT behind METRICS_TOKEN; `loopback` (production without a token)
 * only on 127.0.0.1:METRICS_PORT, never on the public port whatever proxy is in front (issue 11); `open` on
 * PORT outside production.
 */
export type MetricsExposure = "token" | "loopback" | "open";

export function metricsExposure(config: Pick<Config, "METRICS_TOKEN" | "NODE_ENV">): MetricsExposure {
  if (config.METRICS_TOKEN) return "token";
  return config.NODE_ENV === "production" ? "loopback" : "open";
}
