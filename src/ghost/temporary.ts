import type { TemporaryFailure } from '../util/retry.js'
import { GhostApiError, UnexpectedResponseError } from './errors.js'

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
])

/** Retry-After in seconds or as an HTTP date, capped so a bad header cannot stall a run. */
export function parseRetryAfter(header: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - nowMs
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 5 * 60_000) : undefined
}

/**
 * Which failures are the network's or the server's passing trouble: connection errors,
 * time-outs, bodies cut short, 429 and 5xx but 501. A 4xx is an answer, and asking
 * again would get the same one.
 */
export function classifyTemporary(error: unknown): TemporaryFailure | undefined {
  if (error instanceof GhostApiError) {
    if (error.status === 429) return { retryAfterMs: error.retryAfterMs }
    // 501 is Ghost saying it cannot do this at all (older Ghost 5 refusing an integration).
    return error.status >= 500 && error.status !== 501 ? {} : undefined
  }
  if (error instanceof UnexpectedResponseError) return error.temporary ? {} : undefined
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && NETWORK_CODES.has(code)) return {}
  if (error instanceof Error && /^Request timeout|socket hang up|aborted/i.test(error.message)) return {}
  return undefined
}
