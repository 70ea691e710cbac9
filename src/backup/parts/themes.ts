import { type FileHandle, open } from 'node:fs/promises'
import { describeBody } from '../../ghost/body.js'
import type { SavedResponse } from '../../ghost/client.js'
import { UnexpectedResponseError } from '../../ghost/errors.js'
import { BUNDLED_THEMES, downloadTheme, listThemes } from '../../ghost/exports/themes.js'
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

/** Theme names come from upload file names; keep the backup's file name plain. */
function safeThemeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '_')
}

const ZIP_START = 0x04034b50
const ZIP_DIRECTORY = 0x02014b50
const ZIP_END = 0x06054b50
/** The end record is 22 bytes, followed by a comment of up to 65535. */
const END_SIZE = 22

/**
 * A zip opens when it starts with a file header and its end record reaches exactly to the
 * last byte and points back at the central directory. Anything that does not start like a
 * zip is an answer from something other than Ghost: named, and not fetched again.
 */
async function assertZip(file: string, name: string, saved: SavedResponse): Promise<void> {
  const handle = await open(file)
  try {
    const { size } = await handle.stat()
    const head = await readAt(handle, 0, Math.min(size, 4096))
    if (size >= 4 && head.readUInt32LE(0) !== ZIP_START) {
      throw new UnexpectedResponseError(
        `The download of theme '${name}' is not a zip file but ${describeBody(saved, head, size)}. Something other than Ghost answered: check that 'url' (and 'admin-url') lead to Ghost itself.`,
      )
    }
    const tailStart = Math.max(0, size - END_SIZE - 0xffff)
    const tail = await readAt(handle, tailStart, size - tailStart)
    let end = tail.length - END_SIZE
    while (
      end >= 0 &&
      !(tail.readUInt32LE(end) === ZIP_END && end + END_SIZE + tail.readUInt16LE(end + 20) === tail.length)
    ) {
      end--
    }
    const directory = end >= 0 ? tail.readUInt32LE(end + 16) : 0
    // 0xffffffff: the directory offset is in a zip64 record, which no theme needs; let it be.
    const pointsBack =
      end >= 0 &&
      (directory === 0xffffffff ||
        tail.readUInt16LE(end + 10) === 0 ||
        (directory < tailStart + end && (await readAt(handle, directory, 4)).readUInt32LE(0) === ZIP_DIRECTORY))
    if (!pointsBack) {
      throw new UnexpectedResponseError(
        `The download of theme '${name}' is not a whole zip file (${size} bytes, its end is missing): it was cut short.`,
        true,
      )
    }
  } finally {
    await handle.close()
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}
