import { downloadContentExport } from '../ghost/export-content.js'
import type { GhostClient } from '../ghost/client.js'
import type { Logger } from '../util/logger.js'
import type { BackupFolder } from './backup-folder.js'
import { type CheckedExport, checkContentExport } from './content-export.js'
import { CONTENT_FILE } from './layout.js'
import type { ManifestFile } from './manifest.js'

export interface SavedContent extends Omit<CheckedExport, 'export'> {
  file: ManifestFile
}

/** Downloads the content export into `data/content.json` and checks it is whole. */
export async function saveContent(
  client: GhostClient,
  folder: BackupFolder,
  siteVersion: string,
  logger: Logger,
): Promise<SavedContent> {
  const file = await folder.file(CONTENT_FILE)
  const saved = await downloadContentExport(client, file, siteVersion)
  const checked = await checkContentExport(file)
  const { posts, pages, tags, users } = checked.counts
  logger.info(
    `Content export: ${posts} posts, ${pages} pages, ${tags} tags, ${users} staff users (${saved.size} bytes).`,
  )
  return {
    ghostVersion: checked.ghostVersion,
    counts: checked.counts,
    file: { path: CONTENT_FILE, size: saved.size, sha256: saved.sha256, source: client.url('db/').href },
  }
}
