import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import * as zlib from 'node:zlib'

/** A file to store in a zip, measured beforehand so the zip's length is known before it is sent. */
export interface ZipEntry {
  /** Path inside the zip, with forward slashes. */
  name: string
  /** The file on disk. */
  path: string
  size: number
  crc32: number
}

export interface FileDigest {
  size: number
  crc32: number
  sha256: string
}

const LOCAL_HEADER = 30
const CENTRAL_HEADER = 46
const END_OF_DIRECTORY = 22
/** A zip with no entries: only its end-of-central-directory record. */
export const EMPTY_ZIP = END_OF_DIRECTORY
/** 1980-01-01 00:00, the earliest DOS date: a zip of the same files is the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const UTF8_NAMES = 0x0800

/** CRC-32 (zip's), SHA-256 and size of a file, in one read. */
export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256')
  let crc = 0
  let size = 0
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    crc = crc32(chunk, crc)
    size += chunk.length
  }
  return { size, crc32: crc, sha256: hash.digest('hex') }
}

/** What one stored file adds to a zip: its local header, its bytes and its central-directory entry. */
export function zipEntryLength(name: string, size: number): number {
  return LOCAL_HEADER + CENTRAL_HEADER + 2 * Buffer.byteLength(name) + size
}

/** Bytes of a zip holding `entries`, stored (images and media are compressed already). */
export function zipLength(entries: readonly Pick<ZipEntry, 'name' | 'size'>[]): number {
  return entries.reduce((sum, entry) => sum + zipEntryLength(entry.name, entry.size), EMPTY_ZIP)
}

/**
 * The zip, streamed file by file from disk: stored entries with their CRC and sizes in
 * the local headers (no data descriptors), which every unzip reads, Ghost's included.
 */
export async function* zipChunks(entries: readonly ZipEntry[]): AsyncGenerator<Buffer> {
  if (entries.length > 0xffff || zipLength(entries) > 0xffff_ffff) {
    throw new Error('Too many or too large files for one zip (ZIP64 is not written); send fewer at once.')
  }
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const local = Buffer.alloc(LOCAL_HEADER)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(entry.crc32, 14)
    local.writeUInt32LE(entry.size, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    yield Buffer.concat([local, name])
    let sent = 0
    for await (const chunk of createReadStream(entry.path) as AsyncIterable<Buffer>) {
      sent += chunk.length
      yield chunk
    }
    if (sent !== entry.size) throw new Error(`${entry.path} changed while it was being sent.`)

    const header = Buffer.alloc(CENTRAL_HEADER)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(0x031e, 4) // made by Unix, so the permissions below are read
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(UTF8_NAMES, 8)
    header.writeUInt16LE(0, 10)
    header.writeUInt16LE(0, 12)
    header.writeUInt16LE(DOS_DATE, 14)
    header.writeUInt32LE(entry.crc32, 16)
    header.writeUInt32LE(entry.size, 20)
    header.writeUInt32LE(entry.size, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += LOCAL_HEADER + name.length + entry.size
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(END_OF_DIRECTORY)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  yield Buffer.concat([directory, end])
}

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** zlib's CRC-32 where Node has it (20.15 and later), else a table; both continue from `value`. */
function crc32(data: Buffer, value: number): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data, value)
  let c = ~value >>> 0
  for (const byte of data) c = TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}
