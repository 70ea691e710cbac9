import { type FileHandle, open } from 'node:fs/promises'

const END_OF_DIRECTORY = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_END_OF_DIRECTORY = 0x06064b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
/** The end record is 22 bytes and may be followed by a comment of up to 65535. */
const END_SIZE = 22
const MAX_COMMENT = 0xffff

/** What is wrong with a zip, in words for the user. */
export class ZipDamage extends Error {
  override name = 'ZipDamage'
}

interface Directory {
  entries: number
  offset: number
  size: number
  /** Where the end records start: the directory must lie before them. */
  end: number
}

/**
 * Reads a zip's central directory the way an unzipper starts: finds the end record, then
 * walks every entry and the local header it points at. Returns how many entries there are.
 * A zip cut short loses its end record; one damaged inside breaks the walk.
 */
export async function readZipDirectory(file: string): Promise<number> {
  const handle = await open(file)
  try {
    const { size } = await handle.stat()
    if (size < END_SIZE) throw new ZipDamage(`too short to be a zip (${size} bytes)`)
    const directory = await findDirectory(handle, size)
    if (directory.offset + directory.size > directory.end) {
      throw new ZipDamage('its central directory runs past where it should end (damaged)')
    }
    const bytes = await readAt(handle, directory.offset, directory.size)
    let at = 0
    for (let index = 0; index < directory.entries; index++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) {
        throw new ZipDamage(`central directory entry ${index + 1} of ${directory.entries} is unreadable (damaged)`)
      }
      const nameLength = bytes.readUInt16LE(at + 28)
      const name = bytes.toString('utf8', at + 46, at + 46 + nameLength)
      const local = bytes.readUInt32LE(at + 42)
      // 0xffffffff means the offset is in a zip64 extra field; themes never need one.
      if (local !== 0xffffffff) {
        const header = local + 4 <= directory.offset ? await readAt(handle, local, 4) : undefined
        if (header?.readUInt32LE(0) !== LOCAL_HEADER)
          throw new ZipDamage(`entry '${name}' points at no file data (damaged)`)
      }
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
    }
    return directory.entries
  } finally {
    await handle.close()
  }
}

async function findDirectory(handle: FileHandle, size: number): Promise<Directory> {
  const tailStart = Math.max(0, size - END_SIZE - MAX_COMMENT)
  const tail = await readAt(handle, tailStart, size - tailStart)
  // Search backwards; the record whose comment reaches exactly to the end is the real one.
  let at = tail.length - END_SIZE
  for (; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY && at + END_SIZE + tail.readUInt16LE(at + 20) === tail.length) break
  }
  if (at < 0) throw new ZipDamage('no end-of-central-directory record: not a whole zip (cut short?)')
  const directory = {
    entries: tail.readUInt16LE(at + 10),
    size: tail.readUInt32LE(at + 12),
    offset: tail.readUInt32LE(at + 16),
    end: tailStart + at,
  }
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) {
    throw new ZipDamage('a zip split over several parts, which Ghost does not accept')
  }
  const zip64 = directory.entries === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff
  return zip64 ? findZip64Directory(handle, directory.end) : directory
}

async function findZip64Directory(handle: FileHandle, endAt: number): Promise<Directory> {
  const locator = endAt >= 20 ? await readAt(handle, endAt - 20, 20) : undefined
  if (locator?.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipDamage('its zip64 end record is missing (damaged)')
  const recordAt = Number(locator.readBigUInt64LE(8))
  const record = recordAt + 56 <= endAt ? await readAt(handle, recordAt, 56) : undefined
  if (record?.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY)
    throw new ZipDamage('its zip64 end record is unreadable (damaged)')
  return {
    entries: Number(record.readBigUInt64LE(32)),
    size: Number(record.readBigUInt64LE(40)),
    offset: Number(record.readBigUInt64LE(48)),
    end: recordAt,
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}
