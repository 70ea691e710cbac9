import { FILE_PARTS } from '../../settings/parts.js'
import { CONTENT_FILE, SCRATCH_CONTENT_FILE } from '../layout.js'
import type { ManifestFile, MissingFile } from '../manifest.js'
import { saveContent } from './content.js'
import { backupMembers } from './members.js'
import type { PartContext, PartResult } from './part.js'
import { backupSettingsFiles } from './settings-files.js'
import { backupSiteFiles } from './site-files.js'
import { backupThemes } from './themes.js'

/** Everything the parts saved, ready for the manifest. */
export interface SavedParts {
  /** The full version from the export, or `/site/`'s major.minor when no export was made. */
  ghostVersion: string
  files: ManifestFile[]
  counts: Record<string, number>
  activeTheme?: string
  missing: MissingFile[]
  external: string[]
  unsafe: string[]
  downloadedBytes: number
}

/** Runs each wanted part in turn, each in its own log group. */
export async function backupParts(context: PartContext): Promise<SavedParts> {
  const { logger, settings } = context
  const wanted = new Set(settings.parts)
  const saved: SavedParts = {
    ghostVersion: context.site.version,
    files: [],
    counts: {},
    missing: [],
    external: [],
    unsafe: [],
    downloadedBytes: 0,
  }
  const add = (result: PartResult) => {
    saved.files.push(...result.files)
    Object.assign(saved.counts, result.counts)
  }

  // Images, media and files are found by reading the export, so it is fetched for them too.
  const wantsFiles = FILE_PARTS.some((part) => wanted.has(part))
  const content =
    wanted.has('content') || wantsFiles
      ? await logger.group('Content', () =>
          saveContent(context, wanted.has('content') ? CONTENT_FILE : SCRATCH_CONTENT_FILE),
        )
      : undefined
  if (content) {
    saved.ghostVersion = content.ghostVersion
    Object.assign(saved.counts, content.counts)
    if (wanted.has('content')) saved.files.push(content.file)
  }
  if (wanted.has('members')) add(await logger.group('Members', () => backupMembers(context)))
  if (wanted.has('settings')) add(await logger.group('Routes and redirects', () => backupSettingsFiles(context)))
  if (wanted.has('themes')) {
    const themes = await logger.group('Themes', () => backupThemes(context))
    add(themes)
    saved.activeTheme = themes.activeTheme
  }
  if (content && wantsFiles) {
    const files = await logger.group('Images, media and files', () => backupSiteFiles(context, content.export))
    add(files)
    Object.assign(saved, {
      missing: files.missing,
      external: files.external,
      unsafe: files.unsafe,
      downloadedBytes: files.downloadedBytes,
    })
  }
  return saved
}
