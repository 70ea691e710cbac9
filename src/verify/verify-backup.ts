import { stat } from 'node:fs/promises'
import type { ReadExport } from '../backup/parts/content.js'
import { checkContent } from './check-content.js'
import { checkFiles } from './check-files.js'
import { checkMembers } from './check-members.js'
import { checkReferences } from './check-references.js'
import { checkSettingsFiles } from './check-settings.js'
import { checkThemes } from './check-themes.js'
import type { VerifyContext } from './context.js'
import { Problems, type VerifyReport } from './problems.js'
import { readManifest } from './read-manifest.js'

export type { Problem, VerifyReport } from './problems.js'

/** Files hashed at once: enough to keep a disk busy, few enough to keep memory flat. */
const HASH_CONCURRENCY = 4

export interface VerifyOptions {
  /**
   * Set by a backup checking what it has just written: each file was hashed as it was
   * written, so files are held against their sizes without being read again, and the
   * export as the backup read it stands in for reading it again.
   */
  justWritten?: { content?: ReadExport }
}

/**
 * Checks a backup folder offline, against its own manifest and against what Ghost needs
 * to restore it: every file whole, nothing added, the content export, the members CSV,
 * the theme zips and the settings files sound, and every file the content references
 * saved or accounted for. Damage is reported, never thrown; only a failing disk throws.
 */
export async function verifyBackup(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const problems = new Problems()
  const checked = { files: 0, bytes: 0, references: 0 }
  const done = () => ({ ok: problems.list.length === 0, problems: problems.list, checked })

  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) {
    problems.add('folder', undefined, `${dir}: ${info ? 'not a folder' : 'no such folder'}`)
    return done()
  }
  const manifest = await readManifest(dir, problems)
  if (!manifest) return done()

  const files = await checkFiles(dir, manifest, problems, HASH_CONCURRENCY, options.justWritten !== undefined)
  checked.files = files.files
  checked.bytes = files.bytes
  const context: VerifyContext = {
    dir,
    manifest,
    listed: new Set(manifest.files.map((file) => file.path)),
    present: files.present,
    problems,
  }
  const references = await checkContent(context, options.justWritten?.content)
  if (references) checked.references = checkReferences(references, context)
  await checkMembers(context)
  await checkThemes(context)
  await checkSettingsFiles(context)
  return done()
}
