import { downloadContentExport } from '../../ghost/exports/content.js'
import { type CheckedExport, checkContentExport } from '../content-export.js'
import { CONTENT_FILE } from '../layout.js'
import type { ManifestFile } from '../manifest.js'
import { assertCount, ghostTotal, type PartContext } from './part.js'

export interface SavedContent extends CheckedExport {
  file: ManifestFile
}

/**
 * Downloads the content export into `relativePath`, checks it is whole, and holds its
 * post and page counts against Ghost's own totals.
 */
export async function saveContent(context: PartContext, relativePath = CONTENT_FILE): Promise<SavedContent> {
  const { client, folder, settings, logger } = context
  if (settings.includeTables.length > 0) {
    logger.warning(
      `'include-tables' adds ${settings.includeTables.join(', ')} to the content export. These tables can hold personal data (member emails, email analytics): keep the backup private.`,
    )
  }
  const saved = await downloadContentExport(
    client,
    await folder.file(relativePath),
    context.site.version,
    settings.includeTables,
  )
  const checked = await checkContentExport(await folder.file(relativePath))
  const { posts, pages, tags, users } = checked.counts
  assertCount('posts', posts, await ghostTotal(client, 'posts'))
  assertCount('pages', pages, await ghostTotal(client, 'pages'))
  logger.info(
    `Content export: ${posts} posts, ${pages} pages, ${tags} tags, ${users} staff users (${saved.size} bytes).`,
  )
  return {
    ...checked,
    file: { path: relativePath, size: saved.size, sha256: saved.sha256, source: client.url('db/').href },
  }
}
