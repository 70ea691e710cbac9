import { open } from 'node:fs/promises'
import { BUNDLED_THEMES, downloadTheme, listThemes } from '../../ghost/exports/themes.js'
import { UnexpectedResponseError } from '../../ghost/errors.js'
import { THEMES_FOLDER } from '../layout.js'
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
    const relative = `${THEMES_FOLDER}/${safeThemeFileName(theme.name)}.zip`
    const file = await folder.file(relative)
    const saved = await downloadTheme(client, theme.name, file)
    await assertZip(file, theme.name)
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

/** Theme names come from upload file names; keep the backup's file name plain. */
function safeThemeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '_')
}

/** A zip starts with a local file header and ends with an end-of-central-directory record. */
async function assertZip(file: string, name: string): Promise<void> {
  const handle = await open(file)
  try {
    const { size } = await handle.stat()
    const head = Buffer.alloc(4)
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff))
    await handle.read(head, 0, 4, 0)
    await handle.read(tail, 0, tail.length, size - tail.length)
    const hasEnd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0
    if (head.readUInt32LE(0) !== 0x04034b50 || !hasEnd) {
      throw new UnexpectedResponseError(`The download of theme '${name}' is not a whole zip file.`, true)
    }
  } finally {
    await handle.close()
  }
}
