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
 * Runs `attempt` until it succeeds, the error is not temporary, or the retries are spent.
 * Only callers whose request is safe to repeat (GETs) come through here; a login never does.
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
      if (!temporary || failures >= policy.retries) throw error
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** failures)
      const delay = temporary.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2)
      logger.info(`${what} failed (${(error as Error).message}); retrying in ${Math.ceil(delay / 1000)} s.`)
      await policy.sleep(delay)
    }
  }
}
