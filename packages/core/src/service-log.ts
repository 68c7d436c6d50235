/** Structured logging as pino does it (`log.warn({ data }, "message")`); the host passes its logger. */
export interface ServiceLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
  /** Routine detail, off at the default level (e.g. an idle payments sweep, every few seconds). */
  debug?(data: object, message: string): void;
}
