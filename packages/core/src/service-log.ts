/** Structured logging as pino does it (`log.warn({ data }, "message")`); the host passes its logger. */
export interface ServiceLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}
