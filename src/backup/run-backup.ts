import { rm } from 'node:fs/promises'
import { GhostClient } from '../ghost/client.js'
import type { HttpTransport } from '../ghost/http.js'
import { fetchSiteInfo } from '../ghost/site-info.js'
import type { BackupSettings } from '../settings/settings.js'
import type { Logger } from '../util/logger.js'
import type { RetryPolicy } from '../util/retry.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'
import { verifyBackup } from '../verify/verify-backup.js'
import { BackupFolder } from './backup-folder.js'
import { MANIFEST_FILE, SCRATCH_FOLDER } from './layout.js'
import { type Manifest, sortFiles } from './manifest.js'
import { backupParts, type SavedParts } from './parts/index.js'
import { type Changes, compareFiles, type PreviousBackup } from './previous.js'

/** The seams a backup runs through; the front doors make the real ones, tests their own. */
export interface BackupDependencies {
  transport: HttpTransport
  retry: RetryPolicy
  logger: Logger
  now(): Date
}

export interface BackupResult {
  /** The folder the finished backup is in. */
  path: string
  manifest: Manifest
  /** How the files differ from the previous backup (all new without one). */
  changes: Changes
  /** Bytes of images, media and files that came over the network this time. */
  downloadedBytes: number
}

/** Checks the staged backup offline; a backup with any problem is never published. */
async function assertWhole(dir: string, saved: SavedParts, logger: Logger): Promise<void> {
  const report = await verifyBackup(dir, { justWritten: { content: saved.content } })
  for (const problem of report.problems) logger.info(problem.message)
  if (!report.ok) {
    throw new Error(
      `The backup failed verification (${report.problems.length} problems, listed above); nothing was published or delivered.`,
    )
  }
  logger.info(`Verified: ${report.checked.files} files, ${report.checked.references} references.`)
}

/**
 * Settings -> Ghost -> a finished backup folder with its manifest, published only when whole.
 * @param previous an earlier backup: files the server reports unchanged are kept from it
 */
export async function runBackup(
  settings: BackupSettings,
  deps: BackupDependencies,
  previous?: PreviousBackup,
): Promise<BackupResult> {
  const { logger } = deps
  const startedAt = deps.now()
  const folder = await BackupFolder.create(settings.path)
  try {
    const client = new GhostClient({ ...deps, address: settings, credentials: settings.credentials })
    const urlInput = settings.adminUrl.href === settings.siteUrl.href ? 'url' : 'admin-url'
    const site = await fetchSiteInfo(client, urlInput)
    logger.info(`Ghost ${site.version}: '${site.title}' at ${site.url}`)

    await client.open()
    let saved: SavedParts
    try {
      saved = await backupParts({ ...deps, settings, client, site, folder, previous })
    } finally {
      await client.close()
    }
    await rm(await folder.file(SCRATCH_FOLDER), { recursive: true, force: true })

    const manifest: Manifest = {
      format: 1,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      site: { title: site.title, url: site.url, adminUrl: settings.adminUrl.href, ghostVersion: saved.ghostVersion },
      auth: client.authMethod,
      startedAt: startedAt.toISOString(),
      finishedAt: deps.now().toISOString(),
      parts: settings.parts,
      counts: saved.counts,
      activeTheme: saved.activeTheme,
      files: sortFiles(saved.files),
      missing: saved.missing,
      external: saved.external,
      unsafe: saved.unsafe,
    }
    const changes = compareFiles(manifest.files, previous)
    await folder.writeJson(MANIFEST_FILE, manifest)
    if (settings.verify) await logger.group('Verify', () => assertWhole(folder.dir, saved, logger))
    await folder.publish()
    logger.info(`Backup written to ${settings.path}`)
    return { path: settings.path, manifest, changes, downloadedBytes: saved.downloadedBytes }
  } finally {
    await folder.discard()
  }
}
