import { readBody } from '../ghost/body.js'
import { GhostApiError } from '../ghost/errors.js'
import { FILE_PARTS as FILE_KINDS, type FilePart } from '../settings/parts.js'
import { formatBytes } from '../util/format.js'
import { forEachLimited } from '../util/limit.js'
import type { PartLog, RestoreContext } from './context.js'
import { multipartBody } from './multipart.js'
import { placeSiteFile } from './placement.js'
import { type CheckedFile, servedState, waitUntilServed } from './site-file-check.js'
import { restoreThumbnails } from './thumbnails.js'
import { listed } from './words.js'
import { digestFile, EMPTY_ZIP, zipChunks, zipEntryLength, zipLength } from './zip-writer.js'

/**
 * Images, media and files go back at their paths under content/ through Ghost's importer:
 * a zip of `images/...`, `media/...`, `files/...` sent to `POST /db/` (see placement.ts for
 * what the importer does with each entry). The site is asked first what it already serves,
 * so a file that is there is not sent again, and after each zip until every file is served
 * with the backup's bytes.
 */
export async function restoreSiteFiles(context: RestoreContext, logs: Map<FilePart, PartLog>): Promise<void> {
  const zipped: CheckedFile[] = []
  const thumbnails: CheckedFile[] = []
  /** The unlinked copies Ghost's other handlers also write (see placement.ts). */
  const strays = new Map<FilePart, { count: number; folders: Set<string> }>()
  const entries = context.source.siteFiles.filter((entry) => logs.has(entry.kind))
  const unplaced = new Map<FilePart, string[]>()
  const present = new Map<FilePart, number>()
  await forEachLimited(entries, context.concurrency, async (entry) => {
    const log = logs.get(entry.kind)!
    const placement = placeSiteFile(entry.kind, entry.contentPath, entry.size, context.site.major)
    if (placement.how === 'none') {
      unplaced.set(entry.kind, [...(unplaced.get(entry.kind) ?? []), `${entry.path} (${placement.reason})`])
      return
    }
    const digest = await digestFile(entry.absolute)
    if (entry.sha256 && digest.sha256 !== entry.sha256) {
      log.missed(`${entry.path} differs from the file the backup recorded (sha256), so it was not sent.`)
      return
    }
    const file: CheckedFile = { ...entry, ...digest }
    if (!context.dryRun) {
      const state = await servedState(context, file)
      if (state === 'same') return void present.set(entry.kind, (present.get(entry.kind) ?? 0) + 1)
      if (state === 'different') {
        return void log.missed(
          `${entry.path}: the site already has another file at this path; Ghost would store the backup's under a new name, so it was not sent.`,
        )
      }
    }
    if (placement.how === 'thumbnail') thumbnails.push(file)
    else zipped.push(file)
    if (placement.how === 'zip' && placement.strays.length > 0) {
      const known = strays.get(entry.kind) ?? { count: 0, folders: new Set<string>() }
      known.count++
      for (const stray of placement.strays) known.folders.add(`content/${stray.split('/').slice(0, 2).join('/')}/`)
      strays.set(entry.kind, known)
    }
  })
  for (const [kind, names] of unplaced) {
    logs.get(kind)!.missed(`${names.length} ${kind} cannot be put back over the Admin API: ${listed(names)}.`)
  }

  const sorted = zipped.sort((a, b) => (a.path < b.path ? -1 : 1))
  const failed = await sendZips(context, logs, sorted)
  await restoreThumbnails(context, logs.get('media'), thumbnails)

  for (const [kind, log] of logs) {
    const sent = sorted.filter((file) => file.kind === kind && !failed.has(file))
    if (sent.length > 0)
      log.done(`${context.dryRun ? 'Would put back' : 'Put back'} ${sent.length} ${kind} at their paths.`)
    const there = present.get(kind)
    if (there) log.done(`${there} ${kind} were already on the site with the same bytes, so they were not sent again.`)
    const copies = strays.get(kind)
    if (copies && !context.dryRun) {
      log.done(
        `Ghost ${context.site.major} also stored an unlinked copy of ${copies.count} ${kind} under ${[...copies.folders].join(' and ')} (another of its importers accepts their extensions too); they can be deleted on the server.`,
      )
    }
  }
}

/** Sends the files in zips of at most `maxUploadBytes`, halving a zip the server finds too large. */
async function sendZips(
  context: RestoreContext,
  logs: Map<FilePart, PartLog>,
  files: CheckedFile[],
): Promise<Set<CheckedFile>> {
  const failed = new Set<CheckedFile>()
  // One kind per zip, so each request belongs to one part of the report.
  const queue = FILE_KINDS.flatMap((kind) =>
    batches(
      files.filter((file) => file.kind === kind),
      context.maxUploadBytes,
    ),
  )
  for (let number = 1; queue.length > 0; number++) {
    const batch = queue.shift()!
    const entries = batch.map((file) => ({ name: file.path, path: file.absolute, size: file.size, crc32: file.crc32 }))
    const size = zipLength(entries)
    const name = `site-files-${number}.zip`
    context.record({
      part: batch[0]!.kind,
      method: 'POST',
      endpoint: '/db/',
      file: name,
      size,
      contains: batch.map((f) => f.path),
    })
    if (context.dryRun) continue
    context.deps.logger.info(`Sending ${name}: ${batch.length} files, ${formatBytes(size)} (POST /db/)...`)
    try {
      const body = multipartBody([
        {
          field: 'importfile',
          fileName: name,
          contentType: 'application/zip',
          content: { size, open: () => zipChunks(entries) },
        },
      ])
      await readBody('POST /db/', await context.client.send('POST', 'db/', body))
    } catch (error) {
      // A 413 comes from a proxy before Ghost reads anything: the same files in smaller zips are safe to send.
      if (error instanceof GhostApiError && error.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2)
        queue.unshift(batch.slice(0, half), batch.slice(half))
        context.deps.logger.info(
          `The server refused ${formatBytes(size)} in one request (HTTP 413); sending smaller zips.`,
        )
        continue
      }
      const reason =
        error instanceof GhostApiError && error.status === 413
          ? 'it is larger than the server accepts in one request (HTTP 413)'
          : (error as Error).message
      for (const file of batch) failed.add(file)
      for (const [kind, log] of logs) {
        const names = batch.filter((file) => file.kind === kind).map((file) => file.path)
        if (names.length > 0) log.missed(`${names.length} ${kind} were not restored, ${reason}: ${listed(names)}.`)
      }
      continue
    }
    for (const file of await waitUntilServed(context, batch)) {
      failed.add(file)
      logs.get(file.kind)!.missed(`${file.path} is not served with the backup's bytes at its path after the import.`)
    }
  }
  return failed
}

/** Groups files into zips of at most `limit` bytes; a larger file travels alone. */
function batches(files: CheckedFile[], limit: number): CheckedFile[][] {
  const groups: CheckedFile[][] = []
  let current: CheckedFile[] = []
  let bytes = EMPTY_ZIP
  for (const file of files) {
    const adds = zipEntryLength(file.path, file.size)
    if (current.length > 0 && bytes + adds > limit) {
      groups.push(current)
      current = []
      bytes = EMPTY_ZIP
    }
    current.push(file)
    bytes += adds
  }
  if (current.length > 0) groups.push(current)
  return groups
}
