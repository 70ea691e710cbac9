import { realGhostTestsEnabled } from '../../scripts/ghost/index.js'

/** node:test options for a suite that needs real Ghost: skipped only when a developer opted out. */
export const realGhost = { skip: realGhostTestsEnabled() ? false : 'GHOST_TESTS=0' } as const

/** Both pinned majors; each real-Ghost suite runs against both. */
export const MAJORS = [5, 6] as const

/** Polls `check` until it returns true or the deadline passes; no fixed sleeps. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** How many times Ghost logged `METHOD path` (needs a site started with logRequests). */
export function countLogged(log: string, method: string, path: string): number {
  return log.split(`"${method} ${path}"`).length - 1
}
