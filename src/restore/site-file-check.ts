import { ghostApiError } from '../ghost/errors.js'
import { classifyTemporary } from '../ghost/temporary.js'
import { forEachLimited } from '../util/limit.js'
import { withRetries } from '../util/retry.js'
import type { SiteFileEntry } from './backup-source.js'
import type { RestoreContext } from './context.js'
import { pollUntil } from './poll.js'
import { fetchServedFile, servedUrl } from './served-file.js'

/** A site file, measured, with what the site serves at its path. */
export interface CheckedFile extends SiteFileEntry {
  sha256: string
  crc32: number
}

export type ServedState = 'same' | 'different' | 'absent'

/** What the site serves at a file's path now, repeating on a 5xx or a broken connection. */
export async function servedState(context: RestoreContext, file: CheckedFile): Promise<ServedState> {
  const url = servedUrl(context.site.url, file.kind, file.contentPath)
  const served = await withRetries(
    `GET ${url.pathname}`,
    async () => {
      const answer = await fetchServedFile(context.deps.transport, url)
      if (answer.status >= 500 || answer.status === 429) throw ghostApiError(`GET ${url.pathname}`, answer.status, '')
      return answer
    },
    classifyTemporary,
    context.deps.retry,
    context.deps.logger,
  )
  if (served.sha256 === undefined) return 'absent'
  return served.sha256 === file.sha256 ? 'same' : 'different'
}

/**
 * Waits until the site serves every file at its path with the backup's bytes: Ghost
 * stores a zip's files in a background job after answering. Returns the files that
 * never appeared (or appeared with other bytes) before the deadline.
 */
export async function waitUntilServed(context: RestoreContext, files: readonly CheckedFile[]): Promise<CheckedFile[]> {
  let waiting = [...files]
  await pollUntil(context.deps, context.importTimeoutMs, async () => {
    const still: CheckedFile[] = []
    await forEachLimited(waiting, context.concurrency, async (file) => {
      const state = await servedState(context, file).catch(() => 'absent' as const)
      if (state !== 'same') still.push(file)
    })
    waiting = waiting.filter((file) => still.includes(file))
    return waiting.length === 0 ? true : undefined
  })
  return waiting
}
