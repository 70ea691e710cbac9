import type { RestoreDependencies } from './types.js'

/** How often a background import is looked at. */
export const POLL_INTERVAL_MS = 1000

/**
 * Asks `check` until it answers something other than undefined or `timeoutMs` has passed
 * (then undefined). Ghost runs imports as background jobs and reports them only by email,
 * so looking at the site is the only way to know one has finished.
 */
export async function pollUntil<T>(
  deps: Pick<RestoreDependencies, 'now' | 'sleep'>,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = deps.now().getTime() + timeoutMs
  for (;;) {
    const answer = await check()
    if (answer !== undefined) return answer
    if (deps.now().getTime() >= deadline) return undefined
    await deps.sleep(POLL_INTERVAL_MS)
  }
}
