import { fetchPublicFile } from '../../ghost/public-file.js'
import type { HttpTransport } from '../../ghost/http.js'
import type { Logger } from '../../util/logger.js'
import { forEachLimited } from '../../util/limit.js'
import type { RetryPolicy } from '../../util/retry.js'
import type { BackupFolder } from '../backup-folder.js'
import type { ManifestFile, MissingFile } from '../manifest.js'
import { keepPreviousFile, type PreviousBackup, previousCopy } from '../previous.js'

/** One file to fetch into the backup. */
export interface Download {
  /** Path inside the backup, e.g. `images/2026/01/a.png`. */
  path: string
  /** An absolute URL. */
  url: string
  /** A 404 is expected for some (an image's `_o` original); those are not reported missing. */
  optional?: boolean
}

export interface DownloadOptions {
  transport: HttpTransport
  retry: RetryPolicy
  logger: Logger
  concurrency: number
  /** An earlier backup: files the server says are unchanged (304) are kept from it. */
  previous?: PreviousBackup
}

export interface DownloadResults {
  saved: ManifestFile[]
  missing: MissingFile[]
  /** Bytes that came over the network (not those kept from the previous backup). */
  downloadedBytes: number
}

/** Fetches files with bounded concurrency, each streamed to disk; a 4xx is recorded, not fatal. */
export async function downloadAll(
  downloads: Iterable<Download>,
  folder: BackupFolder,
  options: DownloadOptions,
): Promise<DownloadResults> {
  const results: DownloadResults = { saved: [], missing: [], downloadedBytes: 0 }
  await forEachLimited(downloads, options.concurrency, async (download) => {
    const file = await folder.file(download.path)
    // Ask "changed since?" only about a file the previous backup got from the same URL.
    const kept = await previousCopy(options.previous, download.path)
    const known = kept?.entry.source === download.url ? kept : undefined
    const fetched = await fetchPublicFile(
      options.transport,
      new URL(download.url),
      file,
      options.retry,
      options.logger,
      known?.entry,
    )
    if (fetched.status === 'not-modified' && known) {
      await keepPreviousFile(known.file, file)
      results.saved.push(known.entry)
    } else if (fetched.status === 'saved') {
      results.downloadedBytes += fetched.size
      const { size, sha256, etag, lastModified } = fetched
      results.saved.push({ path: download.path, size, sha256, source: download.url, etag, lastModified })
    } else if (fetched.status === 'missing' && !download.optional) {
      results.missing.push({ path: download.path, source: download.url, status: fetched.httpStatus })
    }
  })
  return results
}
