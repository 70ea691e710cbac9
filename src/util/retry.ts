import type { Logger } from './logger.js'

export interface RetryPolicy {
  /** How many times a failed attempt may be repeated. */
  retries: number
  /** First back-off; it doubles each time, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** The clock seam: tests pass a sleep that returns at once. */
  sleep(ms: number): Promise<void>
}

export const defaultRetryPolicy = (retries: number): RetryPolicy => ({
  retries,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})

/** An error worth another attempt; `retryAfterMs` is the server's own wish (429 Retry-After). */
export interface TemporaryFailure {
  retryAfterMs?: number
}

/**
 * A temporary failure that outlasted every retry. Its message names the request (when the
 * last error did not), how often it was tried, and what to do; `cause` is the last error.
 */
export class RetriesSpentError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly last: Error,
  ) {
    const named = last.message.startsWith(what) ? last.message : `${what}: ${last.message}`
    const tried = attempts === 1 ? 'once' : `${attempts} times`
    super(
      `${named.replace(/\.$/, '')}. Tried ${tried}: the site or the network to it kept failing. Run the backup again later, or raise 'retries' or 'request-timeout' for a slow site.`,
      { cause: last },
    )
  }
}

/**
 * Runs `attempt` until it succeeds, the error is not temporary, or the retries are spent
 * (then a RetriesSpentError). Only callers whose request is safe to repeat (GETs) come
 * through here; a login never does.
 */
export async function withRetries<T>(
  what: string,
  attempt: () => Promise<T>,
  classify: (error: unknown) => TemporaryFailure | undefined,
  policy: RetryPolicy,
  logger: Logger,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt()
    } catch (error) {
      const temporary = classify(error)
      if (!temporary) throw error
      if (failures >= policy.retries) throw new RetriesSpentError(what, failures + 1, error as Error)
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** failures)
      const delay = temporary.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2)
      logger.info(`${what} failed (${(error as Error).message}); retrying in ${Math.ceil(delay / 1000)} s.`)
      await policy.sleep(delay)
    }
  }
}
