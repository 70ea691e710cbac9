import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'

const HEAD_BYTES = 4096
const CHUNK_BYTES = 1 << 20
const STAMP = /"exported_on":\s*\d+/

/**
 * True when two content exports differ at most in `exported_on`, the time Ghost stamps
 * on every export. Compared a chunk at a time, so memory stays flat however large the
 * site; the stamp sits in the first bytes (`{"db":[{"meta":{"exported_on":...`).
 */
export async function sameExportApartFromTime(a: string, b: string): Promise<boolean> {
  const [sizeA, sizeB] = await Promise.all([stat(a), stat(b)])
  if (sizeA.size !== sizeB.size) return false
  const [fileA, fileB] = await Promise.all([open(a), open(b)])
  try {
    const headA = Buffer.alloc(Math.min(HEAD_BYTES, sizeA.size))
    const headB = Buffer.alloc(headA.length)
    await Promise.all([fileA.read(headA, 0, headA.length, 0), fileB.read(headB, 0, headB.length, 0)])
    const stampA = STAMP.exec(headA.toString('latin1'))
    const stampB = STAMP.exec(headB.toString('latin1'))
    if (!stampA || !stampB || stampA.index !== stampB.index || stampA[0].length !== stampB[0].length) return false
    const blank = (head: Buffer, stamp: RegExpExecArray) => head.fill(0, stamp.index, stamp.index + stamp[0].length)
    if (!blank(headA, stampA).equals(blank(headB, stampB))) return false

    const chunkA = Buffer.alloc(CHUNK_BYTES)
    const chunkB = Buffer.alloc(CHUNK_BYTES)
    for (let offset = headA.length; offset < sizeA.size; offset += CHUNK_BYTES) {
      const [readA, readB] = await Promise.all([
        fileA.read(chunkA, 0, CHUNK_BYTES, offset),
        fileB.read(chunkB, 0, CHUNK_BYTES, offset),
      ])
      if (readA.bytesRead !== readB.bytesRead) return false
      if (!chunkA.subarray(0, readA.bytesRead).equals(chunkB.subarray(0, readB.bytesRead))) return false
    }
    return true
  } finally {
    await Promise.all([fileA.close(), fileB.close()])
  }
}

/** sha256 of an export with its `exported_on` blanked: equal for two exports of an unchanged site. */
export async function timelessExportHash(file: string): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(file)
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES)
    for (let offset = 0; ; offset += CHUNK_BYTES) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, offset)
      if (bytesRead === 0) break
      const part = chunk.subarray(0, bytesRead)
      const stamp = offset === 0 ? STAMP.exec(part.subarray(0, HEAD_BYTES).toString('latin1')) : null
      if (stamp) part.fill(0, stamp.index, stamp.index + stamp[0].length)
      hash.update(part)
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}
