import { copyFile } from 'node:fs/promises'
import * as path from 'node:path'
import { downloadContentExport } from '../../ghost/exports/content.js'
import { type CheckedExport, checkContentExport } from '../content-export.js'
import { CONTENT_FILE } from '../layout.js'
import type { ManifestFile } from '../manifest.js'
import { previousCopy } from '../previous.js'
import { sameExportApartFromTime } from '../same-export.js'
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
  const file = { path: relativePath, size: saved.size, sha256: saved.sha256, source: client.url('db/').href }
  return { ...checked, file: await keepPreviousIfSame(context, file) }
}

/**
 * An unchanged site still gets a new `exported_on` in every export. Keeping the
 * previous file then keeps the backup byte-identical, so nothing needs committing.
 */
async function keepPreviousIfSame(context: PartContext, file: ManifestFile): Promise<ManifestFile> {
  const kept = await previousCopy(context.previous, file.path)
  const saved = path.join(context.folder.dir, file.path)
  if (!kept || !(await sameExportApartFromTime(saved, kept.file))) return file
  await copyFile(kept.file, saved)
  context.logger.info('The content is unchanged since the previous backup (only the export time differs).')
  return kept.entry
}
