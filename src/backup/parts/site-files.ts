import { FILE_PARTS } from '../../settings/parts.js'
import { type Download, downloadAll } from '../files/download.js'
import { type FoundReferences, safeRelativePath } from '../files/references.js'
import { EXTERNAL_FOLDER } from '../layout.js'
import type { MissingFile } from '../manifest.js'
import type { PartContext, PartResult } from './part.js'

export interface SiteFilesResult extends PartResult {
  downloadedBytes: number
  missing: MissingFile[]
  external: string[]
  unsafe: string[]
}

/** How many missing files are named one by one in the log before the rest are only counted. */
const MISSING_NAMED = 20

/**
 * `images/`, `media/`, `files/`: every file the content references (as found in the export), with the server's
 * relative paths, so a self-hoster restores by copying them into `content/`.
 */
export async function backupSiteFiles(context: PartContext, references: FoundReferences): Promise<SiteFilesResult> {
  const { settings, folder, logger } = context
  const { files, external, unsafe } = references
  const wanted = new Set(settings.parts)

  const downloads: Download[] = [...files.values()]
    .filter((file) => wanted.has(file.part))
    .map((file) => ({ path: `${file.part}/${file.path}`, url: file.url, optional: file.optional }))
  if (settings.includeExternal) downloads.push(...externalDownloads(external))

  const results = await downloadAll(downloads, folder, { ...context, concurrency: settings.concurrency })
  for (const missing of results.missing.slice(0, MISSING_NAMED)) {
    logger.warning(`Missing on the server (HTTP ${missing.status}): ${missing.source}`)
  }
  if (results.missing.length > MISSING_NAMED) {
    logger.warning(`${results.missing.length - MISSING_NAMED} more files are missing; manifest.json lists them all.`)
  }
  for (const reference of unsafe) logger.warning(`Not downloaded, its path would leave the backup folder: ${reference}`)

  const counts: Record<string, number> = { 'missing-files': results.missing.length }
  for (const part of FILE_PARTS) {
    if (wanted.has(part)) counts[part] = results.saved.filter((file) => file.path.startsWith(`${part}/`)).length
  }
  logger.info(
    `Files: ${FILE_PARTS.filter((part) => wanted.has(part))
      .map((part) => `${counts[part]} ${part}`)
      .join(
        ', ',
      )}; ${results.missing.length} missing; ${external.size} on other hosts${settings.includeExternal ? ' (downloaded)' : ' (listed only)'}.`,
  )
  return {
    files: results.saved,
    counts,
    missing: results.missing,
    external: [...external].sort(),
    unsafe: [...unsafe].sort(),
    downloadedBytes: results.downloadedBytes,
  }
}

function externalDownloads(urls: Iterable<string>): Download[] {
  const downloads: Download[] = []
  for (const href of urls) {
    const url = new URL(href)
    const relative = safeRelativePath(url.pathname.replace(/^\//, ''))
    const host = url.host.replace(/[^A-Za-z0-9.-]/g, '_')
    if (relative !== undefined) downloads.push({ path: `${EXTERNAL_FOLDER}/${host}/${relative}`, url: href })
  }
  return downloads
}
