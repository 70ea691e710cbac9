import { lstat, readdir } from 'node:fs/promises'
import * as path from 'node:path'
import { MANIFEST_FILE } from '../backup/layout.js'
import type { Manifest, ManifestFile } from '../backup/manifest.js'
import { forEachLimited } from '../util/limit.js'
import { sha256File } from './hash-file.js'
import { type Problem, Problems } from './problems.js'

export interface FilesChecked {
  files: number
  bytes: number
  /** Regular files found in the folder, by relative path. */
  present: Set<string>
}

/**
 * Holds every file of the manifest against its size and sha256, and the folder against the
 * manifest: a file it does not list was added after the backup (or by mistake).
 * @param hashed when the manifest's sha256s were just computed from the bytes as they were
 *   written, sizes alone are held: reading every file again would only hash the same bytes.
 */
export async function checkFiles(
  dir: string,
  manifest: Manifest,
  problems: Problems,
  concurrency: number,
  hashed = false,
): Promise<FilesChecked> {
  const entries = await folderEntries(dir)
  const present = new Set([...entries].filter(([, kind]) => kind === 'file').map(([relative]) => relative))
  const listed = new Set(manifest.files.map((file) => file.path))
  // Files are hashed side by side and finish in any order: collect, then report in path order.
  const found = new Problems()
  for (const relative of entries.keys()) {
    if (relative !== MANIFEST_FILE && !listed.has(relative)) {
      found.add('extra-file', relative, 'in the folder but not in the manifest (added after the backup?)')
    }
  }
  const checked = { files: 0, bytes: 0 }
  await forEachLimited(manifest.files, concurrency, async (file) => {
    checked.files++
    const kind = entries.get(file.path)
    if (kind === undefined) return found.add('missing-file', file.path, 'listed in the manifest but not in the folder')
    if (kind === 'other') return found.add('not-a-file', file.path, 'not a regular file (a link or a special file)')
    // Awaited first: `bytes += await ...` would read the total before other files added theirs.
    const read = await checkFile(path.join(dir, ...file.path.split('/')), file, found, hashed)
    checked.bytes += read
  })
  problems.list.push(...found.list.sort(byPath))
  return { ...checked, present }
}

/** Checks one file; returns the bytes read. */
async function checkFile(absolute: string, file: ManifestFile, found: Problems, hashed: boolean): Promise<number> {
  try {
    const { size } = await lstat(absolute)
    // A size that differs already says the file changed; reading it would say nothing more.
    if (size !== file.size) {
      const how = size < file.size ? 'cut short' : 'grown or replaced'
      found.add('size', file.path, `${size} bytes where the manifest says ${file.size} (${how})`)
      return 0
    }
    if (hashed) return 0
    const { sha256, bytes } = await sha256File(absolute)
    if (sha256 !== file.sha256) {
      found.add('checksum', file.path, 'sha256 differs from the manifest (file changed or damaged)')
    }
    return bytes
  } catch (error) {
    found.add('unreadable', file.path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
    return 0
  }
}

/** Every entry under `dir` but folders, by relative path: links and special files count as 'other'. */
async function folderEntries(dir: string): Promise<Map<string, 'file' | 'other'>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const found = new Map<string, 'file' | 'other'>()
  for (const entry of entries) {
    if (entry.isDirectory()) continue
    const relative = path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name))
    found.set(relative.split(path.sep).join('/'), entry.isFile() ? 'file' : 'other')
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function byPath(a: Problem, b: Problem): number {
  const left = a.path ?? ''
  const right = b.path ?? ''
  return left < right ? -1 : left > right ? 1 : 0
}
