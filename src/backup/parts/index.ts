import { FILE_PARTS } from '../../settings/parts.js'
import { HeldLog } from '../../util/held-log.js'
import { allSettledOrThrow } from '../../util/settle.js'
import { CONTENT_FILE, SCRATCH_CONTENT_FILE } from '../layout.js'
import type { ManifestFile, MissingFile } from '../manifest.js'
import { type ReadExport, saveContent } from './content.js'
import { backupMembers } from './members.js'
import type { PartContext, PartResult } from './part.js'
import { backupSettingsFiles } from './settings-files.js'
import { backupSiteFiles, revalidatePrevious } from './site-files.js'
import { backupThemes, type ThemesResult } from './themes.js'

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
  /** The export as read while backing up, for the check before publishing. */
  content?: ReadExport
}

type BesideResult = PartResult & Partial<Pick<ThemesResult, 'activeTheme'>>

/** A part that runs beside the content and the files, with its log held until it is done. */
interface Beside {
  name: string
  log: HeldLog
  result: Promise<BesideResult>
}

/**
 * Runs the wanted parts. The content export comes first, as the file downloads need it;
 * members, routes and redirects, and themes need nothing from it, so they run beside
 * both, and their log groups are printed after.
 */
export async function backupParts(context: PartContext): Promise<SavedParts> {
  const wanted = new Set(context.settings.parts)
  const besides: Beside[] = []
  const beside = (name: string, part: (context: PartContext) => Beside['result']) => {
    const log = new HeldLog(context.logger)
    besides.push({ name, log, result: part({ ...context, logger: log }) })
  }
  if (wanted.has('members')) beside('Members', backupMembers)
  if (wanted.has('settings')) beside('Routes and redirects', backupSettingsFiles)
  if (wanted.has('themes')) beside('Themes', backupThemes)

  // Held logs are printed however the parts end: they say how far each got.
  let results: [SavedParts, ...BesideResult[]]
  try {
    results = await allSettledOrThrow<[SavedParts, ...BesideResult[]]>([
      backupContentAndFiles(context, wanted),
      ...besides.map((part) => part.result),
    ])
  } finally {
    for (const part of besides) await part.log.print(part.name)
  }
  const [saved, ...others] = results
  for (const part of others) {
    saved.files.push(...part.files)
    Object.assign(saved.counts, part.counts)
    if (part.activeTheme !== undefined) saved.activeTheme = part.activeTheme
  }
  return saved
}

/** The content export, then the images, media and files it references, each in its own log group. */
async function backupContentAndFiles(context: PartContext, wanted: Set<string>): Promise<SavedParts> {
  const { logger } = context
  const saved: SavedParts = {
    ghostVersion: context.site.version,
    files: [],
    counts: {},
    missing: [],
    external: [],
    unsafe: [],
    downloadedBytes: 0,
  }
  // Images, media and files are found by reading the export, so it is fetched for them too.
  const wantsFiles = FILE_PARTS.some((part) => wanted.has(part))
  if (!wanted.has('content') && !wantsFiles) return saved
  const [content, revalidated] = await allSettledOrThrow([
    logger.group('Content', () => saveContent(context, wanted.has('content') ? CONTENT_FILE : SCRATCH_CONTENT_FILE)),
    revalidatePrevious(context),
  ])
  saved.ghostVersion = content.ghostVersion
  Object.assign(saved.counts, content.facts.counts)
  saved.content = { facts: content.facts, references: content.references }
  if (wanted.has('content')) saved.files.push(content.file)
  if (!wantsFiles) return saved

  const files = await logger.group('Images, media and files', () =>
    backupSiteFiles(context, content.references, revalidated),
  )
  saved.files.push(...files.files)
  Object.assign(saved.counts, files.counts)
  const { missing, external, unsafe, downloadedBytes } = files
  return { ...saved, missing, external, unsafe, downloadedBytes }
}
