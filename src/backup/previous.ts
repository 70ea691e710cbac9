import { copyFile, link, readFile, stat } from 'node:fs/promises'
import * as path from 'node:path'
import type { Logger } from '../util/logger.js'
import { MANIFEST_FILE } from './layout.js'
import type { Manifest, ManifestFile } from './manifest.js'

/** An earlier backup of the site: what can be kept instead of downloaded again. */
export interface PreviousBackup {
  dir: string
  manifest: Manifest
  /** The manifest's files by path. */
  files: Map<string, ManifestFile>
}

/** Reads an earlier backup's manifest; none, or an unreadable one, means a full backup. */
export async function loadPreviousBackup(dir: string, logger: Logger): Promise<PreviousBackup | undefined> {
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.warning(`The previous backup in ${dir} has no readable manifest.json; downloading everything.`)
    }
    return undefined
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.files)) {
    logger.warning(`The previous backup in ${dir} is in a format this version does not know; downloading everything.`)
    return undefined
  }
  return { dir, manifest, files: new Map(manifest.files.map((file) => [file.path, file])) }
}

/** The previous copy of a file, when it is on disk as its manifest describes it. */
export async function previousCopy(previous: PreviousBackup | undefined, relative: string) {
  const entry = previous?.files.get(relative)
  if (!previous || !entry) return undefined
  const file = path.join(previous.dir, relative)
  const info = await stat(file).catch(() => undefined)
  return info?.isFile() && info.size === entry.size ? { entry, file } : undefined
}

/**
 * A file the server says is unchanged is linked, not copied: no bytes move, and both
 * backups stay whole on their own (removing one name leaves the other). Backup files are
 * only ever written new, never changed in place, so sharing them is safe. A copy is made
 * where links cannot be (another disk, a file system without them).
 */
export async function keepPreviousFile(previous: string, file: string): Promise<void> {
  try {
    await link(previous, file)
  } catch {
    await copyFile(previous, file)
  }
}

export interface Changes {
  new: number
  changed: number
  unchanged: number
  removed: number
}

/** How this backup's files differ from the previous one's, by path and sha256. */
export function compareFiles(files: ManifestFile[], previous: PreviousBackup | undefined): Changes {
  const changes: Changes = { new: 0, changed: 0, unchanged: 0, removed: 0 }
  const seen = new Set<string>()
  for (const file of files) {
    seen.add(file.path)
    const before = previous?.files.get(file.path)
    if (!before) changes.new++
    else if (before.sha256 === file.sha256) changes.unchanged++
    else changes.changed++
  }
  for (const path of previous?.files.keys() ?? []) if (!seen.has(path)) changes.removed++
  return changes
}
