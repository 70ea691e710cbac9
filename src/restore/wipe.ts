import { GhostApiError } from '../ghost/errors.js'
import type { RestoreContext } from './context.js'

/**
 * `DELETE /db/`: Ghost's "Delete all content" (Settings > Advanced > Danger zone), which
 * deletes every post and tag after writing a backup on the server. Only with `wipe`.
 * Ghost refuses it to staff access tokens (403), whatever the user's role.
 */
export async function wipeSite(context: RestoreContext): Promise<void> {
  context.record({ part: 'content', method: 'DELETE', endpoint: '/db/', file: 'all posts and tags', size: 0 })
  if (context.dryRun) return
  try {
    await context.client.sendJson('DELETE', 'db/')
  } catch (error) {
    if (error instanceof GhostApiError && error.status === 403) {
      throw new Error(
        `Ghost refused to delete the site's content (DELETE /db/, HTTP 403): it does not let staff access tokens do that, whatever the user's role. Nothing was restored. Delete it in Ghost Admin (Settings > Advanced > Danger zone > Delete all content), then run the restore again without 'wipe'.`,
      )
    }
    throw error
  }
  context.deps.logger.info("Ghost deleted the site's posts and tags (DELETE /db/).")
}
