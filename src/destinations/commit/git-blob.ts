import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/**
 * The id git (and GitHub) gives a file's content as a blob: sha1 of `blob <size>\0` and
 * the bytes. Comparing it with the ids in the branch's tree tells which files changed
 * without uploading them. Streamed, so a large video costs no memory.
 */
export async function gitBlobSha(file: string): Promise<string> {
  // One handle for the size and the bytes, so both describe the same file.
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const hash = createHash('sha1').update(`blob ${size}\0`)
    let read = 0
    for await (const chunk of handle.createReadStream({ autoClose: false })) {
      hash.update(chunk as Buffer)
      read += (chunk as Buffer).length
    }
    // The header already promised `size` bytes: a file written meanwhile would give an id of nothing real.
    if (read !== size) throw new Error(`'${file}' changed while it was read (${read} bytes, expected ${size}).`)
    return hash.digest('hex')
  } finally {
    await handle.close()
  }
}
