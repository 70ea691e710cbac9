import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { InputError } from '../settings/input-error.js'
import { FINGERPRINT_FILE, MANIFEST_FILE } from './layout.js'

/**
 * A backup being written. Everything goes into a hidden staging folder beside the
 * target; only `publish()` moves it into place, so a failed run never leaves half a
 * backup (and never damages the previous one) in 'path'.
 */
export class BackupFolder {
  /** Folders made so far: a backup of a thousand files would otherwise ask the disk a thousand times. */
  private readonly made = new Set<string>()

  private constructor(
    /** The folder the user asked for. */
    readonly target: string,
    /** Where this run writes until it publishes. */
    readonly dir: string,
  ) {}

  /** Checks 'path' is safe to replace, then makes the staging folder. Touches no network. */
  static async create(target: string): Promise<BackupFolder> {
    await assertReplaceable(target)
    const parent = path.dirname(target)
    await mkdir(parent, { recursive: true })
    const dir = path.join(parent, `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`)
    await mkdir(dir)
    return new BackupFolder(target, dir)
  }

  /** Absolute path for a file of the backup, with its folder made; never outside the backup. */
  async file(relative: string): Promise<string> {
    const absolute = path.resolve(this.dir, relative)
    if (!absolute.startsWith(`${this.dir}${path.sep}`)) {
      throw new Error(`Refusing to write '${relative}': it is outside the backup folder.`)
    }
    const folder = path.dirname(absolute)
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true })
      this.made.add(folder)
    }
    return absolute
  }

  async writeJson(relative: string, value: unknown): Promise<void> {
    await writeFile(await this.file(relative), `${JSON.stringify(value, null, 2)}\n`)
  }

  /** Replaces 'path' with the finished backup. The previous one is removed only after the swap. */
  async publish(): Promise<void> {
    const previous = `${this.dir}.previous`
    const hadPrevious = await exists(this.target)
    if (hadPrevious) await rename(this.target, previous)
    try {
      await rename(this.dir, this.target)
    } catch (error) {
      if (hadPrevious) await rename(previous, this.target)
      throw error
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true })
  }

  /** Throws the unfinished backup away; safe to call after publish(). */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

/** 'path' may be new, empty, or an earlier backup (plain or encrypted); never a folder of other files. */
async function assertReplaceable(target: string): Promise<void> {
  const info = await stat(target).catch(() => undefined)
  if (!info) return
  if (!info.isDirectory()) {
    throw new InputError(`Invalid 'path' '${target}'. Expected a folder, but it is a file.`)
  }
  const entries = await readdir(target)
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE) && !entries.includes(FINGERPRINT_FILE)) {
    throw new InputError(
      `Invalid 'path' '${target}'. It holds files that are not a backup made by this tool, and a backup replaces the folder's contents. Expected a new or empty folder, or an earlier backup.`,
    )
  }
}
