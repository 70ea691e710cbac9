/**
 * Where progress goes. The action writes through @actions/core; the CLI writes to stderr.
 * The core never prints directly, so both front doors mask credentials the same way.
 */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** Hides a credential from every later line, before it could be printed. */
  setSecret(secret: string): void
}

/** A logger that prints nothing, for callers that do not care about progress. */
export const silentLogger: Logger = {
  info() {},
  warning() {},
  debug() {},
  group: (_name, fn) => fn(),
  setSecret() {},
}
