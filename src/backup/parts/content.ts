import { rm } from 'node:fs/promises'
import * as path from 'node:path'
import { downloadContentExport } from '../../ghost/exports/content.js'
import { checkDownloadedExport, type ExportFacts } from '../content-export.js'
import { type FoundReferences, ReferenceFinder } from '../files/references.js'
import { CONTENT_FILE } from '../layout.js'
import type { ManifestFile } from '../manifest.js'
import { keepPreviousFile, previousCopy } from '../previous.js'
import { sameExportApartFromTime } from '../same-export.js'
import { allSettledOrThrow } from '../../util/settle.js'
import { assertCount, ghostTotal, type PartContext } from './part.js'

/** The export as read once while backing up: its facts, and the files its rows reference. */
export interface ReadExport {
  facts: ExportFacts
  references: FoundReferences
}

export interface SavedContent extends ReadExport {
  /** The full Ghost version the export was made by, e.g. "6.65.0". */
  ghostVersion: string
  file: ManifestFile
}

/**
 * Downloads the content export into `relativePath`, checks it is whole, finds the files it
 * references, and holds its post and page counts against Ghost's own totals.
 */
export async function saveContent(context: PartContext, relativePath = CONTENT_FILE): Promise<SavedContent> {
  const { client, folder, settings, logger } = context
  if (settings.includeTables.length > 0) {
    logger.warning(
      `'include-tables' adds ${settings.includeTables.join(', ')} to the content export. These tables can hold personal data (member emails, email analytics): keep the backup private.`,
    )
  }
  let read: (ReadExport & { facts: { version: string } }) | undefined
  // Ghost's own totals are asked for while it builds the export: the export takes far longer.
  const [saved, ghostPosts, ghostPages] = await allSettledOrThrow([
    downloadContentExport(
      client,
      await folder.file(relativePath),
      context.site.version,
      settings.includeTables,
      async (file) => {
        // Each attempt reads its own download from the start.
        const finder = new ReferenceFinder(new URL(context.site.url), [settings.adminUrl, settings.siteUrl])
        const facts = await checkDownloadedExport(file, (_table, row) => finder.scan(row))
        read = { facts, references: finder.found }
      },
    ),
    ghostTotal(client, 'posts'),
    ghostTotal(client, 'pages'),
  ])
  const { facts, references } = read!
  const { posts, pages, tags, users } = facts.counts
  assertCount('posts', posts, ghostPosts)
  assertCount('pages', pages, ghostPages)
  logger.info(
    `Content export: ${posts} posts, ${pages} pages, ${tags} tags, ${users} staff users (${saved.size} bytes).`,
  )
  const file = { path: relativePath, size: saved.size, sha256: saved.sha256, source: client.url('db/').href }
  return { facts, references, ghostVersion: facts.version, file: await keepPreviousIfSame(context, file) }
}

/**
 * An unchanged site still gets a new `exported_on` in every export. Keeping the
 * previous file then keeps the backup byte-identical, so nothing needs committing.
 */
async function keepPreviousIfSame(context: PartContext, file: ManifestFile): Promise<ManifestFile> {
  const kept = await previousCopy(context.previous, file.path)
  const saved = path.join(context.folder.dir, file.path)
  if (!kept || !(await sameExportApartFromTime(saved, kept.file))) return file
  await rm(saved)
  await keepPreviousFile(kept.file, saved)
  context.logger.info('The content is unchanged since the previous backup (only the export time differs).')
  return kept.entry
}
