import { createHttpTransport } from '../ghost/http.js'
import type { Logger } from '../util/logger.js'
import { defaultRetryPolicy } from '../util/retry.js'
import type { RestoreDependencies } from './types.js'

export interface RestoreTransportOptions {
  /** Seconds a request may stay silent; an upload Ghost unpacks and checks can take a while. */
  requestTimeoutMs?: number
  /** Repeats of a GET (or PUT, DELETE) that failed for a passing reason; a POST is never repeated. */
  retries?: number
}

/** The real network, clock and back-off, as the command line uses them. */
export function createRestoreDependencies(logger: Logger, options: RestoreTransportOptions = {}): RestoreDependencies {
  return {
    transport: createHttpTransport({ timeoutMs: options.requestTimeoutMs ?? 300_000 }),
    retry: defaultRetryPolicy(options.retries ?? 4),
    logger,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }
}
