import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { safeRelativePath } from '../backup/files/references.js'
import { InputError } from '../settings/input-error.js'
import { readTar } from '../util/tar.js'
import { type DecryptionKeys, decryptStream } from './encryption.js'

export interface OpenedBackup {
  /** A folder holding the backup's files. */
  dir: string
  /** Removes what opening unpacked; leaves a folder given as such alone. */
  close(): Promise<void>
}

/**
 * Gives a backup as a folder, whatever form it is in: a folder, a `.tar` archive, an
 * age-encrypted `.tar.age`, or a folder holding just one `.tar.age` (what the action
 * uploads or commits when encrypting).
 */
export async function openBackup(input: string, keys: DecryptionKeys): Promise<OpenedBackup> {
  const info = await stat(input).catch(() => undefined)
  if (!info)
    throw new InputError(`No backup at '${input}'. Expected a backup folder, a .tar archive or a .tar.age file.`)
  if (info.isDirectory()) {
    const entries = await readdir(input)
    const sealed = entries.filter((name) => name.endsWith('.tar.age'))
    if (!entries.includes('manifest.json') && sealed.length === 1) return openBackup(path.join(input, sealed[0]!), keys)
    return { dir: input, close: async () => {} }
  }
  if (!/\.tar(\.age)?$/.test(input) && !input.endsWith('.age')) {
    throw new InputError(`'${input}' is not a backup. Expected a backup folder, a .tar archive or a .tar.age file.`)
  }
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'ghost-backup-open-'))
  try {
    const raw = createReadStream(input)
    const tar = input.endsWith('.age') ? await decryptStream(raw, keys) : raw
    await unpack(tar, dir)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { dir, close: () => rm(dir, { recursive: true, force: true }) }
}

/** Writes each file of a tar stream under `dir`, refusing any path that would leave it. */
async function unpack(tar: Readable, dir: string): Promise<void> {
  await readTar(tar, async (entry) => {
    if (entry.type !== 'file') return
    const relative = safeRelativePath(entry.path)
    if (relative === undefined || path.isAbsolute(entry.path)) {
      throw new Error(`The archive holds '${entry.path}', a path outside the backup: refusing to unpack it.`)
    }
    const file = path.join(dir, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await pipeline(entry.body, createWriteStream(file))
  })
}
