import * as path from 'node:path'
import type { Manifest } from '../backup/manifest.js'
import type { Problems } from './problems.js'

/** What every check after the manifest's works with. */
export interface VerifyContext {
  dir: string
  manifest: Manifest
  /** Paths the manifest lists. */
  listed: Set<string>
  /** Regular files in the folder: deeper checks read only these, the rest are reported once already. */
  present: Set<string>
  problems: Problems
}

/** Absolute path of a backup file; manifest paths were checked to stay inside the folder. */
export function backupFile(context: VerifyContext, relative: string): string {
  return path.join(context.dir, ...relative.split('/'))
}

/** Whether the manifest says `part` was backed up. */
export function hasPart(context: VerifyContext, part: string): boolean {
  return context.manifest.parts.includes(part)
}

/**
 * Whether a part's file is there to be read. A part the manifest includes without its file
 * is a problem; a listed file missing from disk was reported by the file check already.
 */
export function partFileReadable(context: VerifyContext, part: string, relative: string): boolean {
  if (!context.listed.has(relative)) {
    context.problems.add('part-file', relative, `the manifest includes '${part}' but does not list this file`)
    return false
  }
  return context.present.has(relative)
}
