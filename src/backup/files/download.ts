import { fetchPublicFile } from '../../ghost/public-file.js'
import type { HttpTransport } from '../../ghost/http.js'
import type { Logger } from '../../util/logger.js'
import { forEachLimited } from '../../util/limit.js'
import type { RetryPolicy } from '../../util/retry.js'
import type { BackupFolder } from '../backup-folder.js'
import type { ManifestFile, MissingFile } from '../manifest.js'

/** One file to fetch into the backup. */
export interface Download {
  /** Path inside the backup, e.g. `images/2026/01/a.png`. */
  path: string
  url: URL
  /** A 404 is expected for some (an image's `_o` original); those are not reported missing. */
  optional?: boolean
}

export interface DownloadOptions {
  transport: HttpTransport
  retry: RetryPolicy
  logger: Logger
  concurrency: number
}

export interface DownloadResults {
  saved: ManifestFile[]
  missing: MissingFile[]
}

/** Fetches files with bounded concurrency, each streamed to disk; a 4xx is recorded, not fatal. */
export async function downloadAll(
  downloads: Iterable<Download>,
  folder: BackupFolder,
  options: DownloadOptions,
): Promise<DownloadResults> {
  const results: DownloadResults = { saved: [], missing: [] }
  await forEachLimited(downloads, options.concurrency, async (download) => {
    const file = await folder.file(download.path)
    const fetched = await fetchPublicFile(options.transport, download.url, file, options.retry, options.logger)
    if (fetched.status === 'saved') {
      const { size, sha256, etag, lastModified } = fetched
      results.saved.push({ path: download.path, size, sha256, source: download.url.href, etag, lastModified })
    } else if (fetched.status === 'missing' && !download.optional) {
      results.missing.push({ path: download.path, source: download.url.href, status: fetched.httpStatus })
    }
  })
  return results
}
