import { describeBody } from '../../ghost/body.js'
import type { SavedResponse } from '../../ghost/client.js'
import { UnexpectedResponseError } from '../../ghost/errors.js'
import { BUNDLED_THEMES, downloadTheme, listThemes } from '../../ghost/exports/themes.js'
import { fileStart } from '../../util/file-start.js'
import { readZipDirectory, ZipDamage } from '../../verify/zip-directory.js'
import { themeZipPath } from '../layout.js'
import type { PartContext, PartResult } from './part.js'

export interface ThemesResult extends PartResult {
  activeTheme?: string
}

/** Every uploaded theme as `themes/<name>.zip`; Ghost's own (casper, source) only when active. */
export async function backupThemes(context: PartContext): Promise<ThemesResult> {
  const { client, folder, logger } = context
  const themes = await listThemes(client)
  const active = themes.find((theme) => theme.active)?.name
  const wanted = themes.filter((theme) => theme.active || !BUNDLED_THEMES.has(theme.name))
  const files: PartResult['files'] = []
  for (const theme of wanted) {
    const relative = themeZipPath(theme.name)
    const file = await folder.file(relative)
    const saved = await downloadTheme(client, theme.name, file, (zip, answer) => assertZip(zip, theme.name, answer))
    files.push({
      path: relative,
      size: saved.size,
      sha256: saved.sha256,
      source: client.url(`themes/${encodeURIComponent(theme.name)}/download/`).href,
    })
  }
  logger.info(
    `Themes: ${wanted.map((t) => t.name).join(', ') || "none besides Ghost's own"}; active: ${active ?? 'none'}.`,
  )
  return { files, counts: { themes: files.length }, activeTheme: active }
}

/**
 * A zip opens when an unzipper can walk it: its end record, its central directory and the
 * file each entry points at. Anything that does not start like a zip is an answer from
 * something other than Ghost: named, and not fetched again. A zip that does not open was
 * most likely cut short on the way: worth another attempt.
 */
async function assertZip(file: string, name: string, saved: SavedResponse): Promise<void> {
  const head = await fileStart(file)
  if (head.length >= 4 && head.readUInt32LE(0) !== ZIP_START) {
    throw new UnexpectedResponseError(
      `The download of theme '${name}' is not a zip file but ${describeBody(saved, head, saved.size)}. Something other than Ghost answered: check that 'url' (and 'admin-url') lead to Ghost itself.`,
    )
  }
  try {
    await readZipDirectory(file)
  } catch (error) {
    if (!(error instanceof ZipDamage)) throw error
    throw new UnexpectedResponseError(
      `The download of theme '${name}' does not open as a zip (${saved.size} bytes; ${error.message}).`,
      true,
    )
  }
}

const ZIP_START = 0x04034b50
