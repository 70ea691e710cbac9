/**
 * A private copy of the bundle under test. Other work in the same checkout
 * rebuilds dist/ at any moment (`npm test` packages first); measuring files
 * that change between two runs would mix two builds in one median. The
 * whole folder is copied: ncc may split lazily loaded chunks beside index.js.
 */
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface BundleCopy {
  /** The copied dist/index.js. */
  action: string
  /** sha256 over the action's files (index.js and its chunks), to tell builds apart. */
  sha256: string
  /** Size of index.js, which every run loads. */
  bytes: number
  /** Size of the chunks beside it, loaded only when needed. */
  chunkBytes: number
  remove(): void
}

interface Fingerprint {
  sha256: string
  bytes: number
  chunkBytes: number
}

/** The top-level files of a dist folder: index.js, its chunks and package.json. */
function fingerprint(dist: string): Fingerprint {
  const hash = createHash('sha256')
  let bytes = 0
  let chunkBytes = 0
  const names = readdirSync(dist, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => entry.name)
    .sort()
  for (const name of names) {
    const content = readFileSync(join(dist, name))
    hash.update(name).update(content)
    if (name === 'index.js') bytes = content.length
    else chunkBytes += content.length
  }
  return { sha256: hash.digest('hex'), bytes, chunkBytes }
}

export function copyBundle(dist = join(REPO_ROOT, 'dist')): BundleCopy {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'))
    const before = fingerprint(dist)
    cpSync(dist, join(dir, 'dist'), { recursive: true })
    const copied = fingerprint(join(dir, 'dist'))
    // Equal hashes before and of the copy: no rebuild ran in between.
    if (copied.sha256 === before.sha256) {
      return {
        action: join(dir, 'dist', 'index.js'),
        ...copied,
        remove: () => rmSync(dir, { recursive: true, force: true }),
      }
    }
    rmSync(dir, { recursive: true, force: true })
    if (attempt === 5)
      throw new Error('dist/ kept changing while it was copied; run the bench when no build is running')
  }
}
