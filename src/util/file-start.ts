import { open } from 'node:fs/promises'

/** The first bytes of a file, to tell what it is when it is not what was expected. */
export async function fileStart(file: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(file)
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
