import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/** Bytes read at a time. */
const CHUNK = 256 * 1024

/**
 * The sha256 of a file, read through one reused buffer: memory stays flat however large
 * the file, and no garbage piles up between collections as a chunk-per-read stream makes.
 */
export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK)
  const handle = await open(file)
  let bytes = 0
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      bytes += bytesRead
    }
  } finally {
    await handle.close()
  }
  return { sha256: hash.digest('hex'), bytes }
}
