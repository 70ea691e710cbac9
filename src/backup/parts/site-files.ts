import { rm } from 'node:fs/promises'
import { FILE_PARTS } from '../../settings/parts.js'
import { type Download, downloadAll, type DownloadResults } from '../files/download.js'
import { type FoundReferences, safeRelativePath } from '../files/references.js'
import { EXTERNAL_FOLDER, isPlainRelativePath } from '../layout.js'
import type { MissingFile } from '../manifest.js'
import type { BackupFolder } from '../backup-folder.js'
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
 * `images/`, `media/`, `files/`: every file the content references (as found in the export),
 * with the server's relative paths, so a self-hoster restores by copying them into `content/`.
 */
export async function backupSiteFiles(
  context: PartContext,
  references: FoundReferences,
  revalidated?: DownloadResults,
): Promise<SiteFilesResult> {
  const { settings, folder, logger } = context
  const { files, external, unsafe } = references
  const wanted = new Set(settings.parts)

  const downloads: Download[] = [...files.values()]
    .filter((file) => wanted.has(file.part))
    .map((file) => ({ path: `${file.part}/${file.path}`, url: file.url, optional: file.optional }))
  if (settings.includeExternal) downloads.push(...externalDownloads(external))

  const known = await takeRevalidated(downloads, revalidated, folder)
  const fetched = await downloadAll(known.rest, folder, { ...context, concurrency: settings.concurrency })
  const results: DownloadResults = {
    saved: [...known.taken.saved, ...fetched.saved],
    missing: [...known.taken.missing, ...fetched.missing],
    downloadedBytes: known.taken.downloadedBytes + fetched.downloadedBytes,
  }
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

/**
 * With a previous backup at hand, the files it holds are asked about ("changed since?")
 * while Ghost is still building the export: on an unchanged site these are all the file
 * requests a run makes, and they need not wait for the export. Which of them the content
 * still references is settled once it has been read (`takeRevalidated`).
 */
export async function revalidatePrevious(context: PartContext): Promise<DownloadResults | undefined> {
  const { previous, settings } = context
  const wanted = new Set<string>(FILE_PARTS.filter((part) => settings.parts.includes(part)))
  if (!previous || wanted.size === 0) return undefined
  // Only files this site serves: a previous backup of another site is never asked about.
  const site = new URL(context.site.url).href
  const downloads: Download[] = []
  for (const { path, source } of previous.manifest.files) {
    // The manifest may have been edited since; a path that could leave the folder is never used.
    if (isPlainRelativePath(path) && wanted.has(path.split('/')[0]!) && source?.startsWith(site))
      downloads.push({ path, url: source })
  }
  return downloadAll(downloads, context.folder, { ...context, concurrency: settings.concurrency })
}

/**
 * Takes what the revalidation already settled (the same path from the same URL) and
 * leaves the rest to download. A file it staged that the content no longer references,
 * or now references at another URL, is removed first: it may be a hard link to the
 * previous backup's copy, which writing through it would change.
 */
async function takeRevalidated(
  downloads: Download[],
  revalidated: DownloadResults | undefined,
  folder: BackupFolder,
): Promise<{ taken: DownloadResults; rest: Download[] }> {
  const taken: DownloadResults = { saved: [], missing: [], downloadedBytes: revalidated?.downloadedBytes ?? 0 }
  if (!revalidated) return { taken, rest: downloads }
  const staged = new Map(revalidated.saved.map((file) => [file.path, file]))
  const missing = new Map(revalidated.missing.map((file) => [file.path, file]))
  const rest: Download[] = []
  for (const download of downloads) {
    const file = staged.get(download.path)
    const gone = missing.get(download.path)
    if (file?.source === download.url) {
      taken.saved.push(file)
      staged.delete(download.path)
    } else if (gone?.source === download.url) {
      if (!download.optional) taken.missing.push(gone)
    } else {
      rest.push(download)
    }
  }
  for (const relative of staged.keys()) await rm(await folder.file(relative), { force: true })
  return { taken, rest }
}
