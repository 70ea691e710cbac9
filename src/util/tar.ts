import { PassThrough, type Readable } from 'node:stream'

export interface TarEntry {
  /** The path as archived (pax and GNU long names applied), without a trailing slash. */
  path: string
  type: 'file' | 'directory' | 'other'
  size: number
  /** The entry's bytes. A handler that leaves it unread gets it skipped once it returns. */
  body: Readable
}

const BLOCK = 512
const CHUNK = 64 * 1024
/** Pax and GNU long-name records are read whole; real ones are a few hundred bytes. */
const MAX_META_BYTES = 1024 * 1024

/**
 * Reads a tar stream (ustar, pax as `git archive` writes it, GNU as `tar` writes it) and
 * hands each entry to `onEntry` one at a time, with its body streamed: memory stays flat
 * however large the files are. Rejects a corrupt or truncated archive.
 */
export async function readTar(input: Readable, onEntry: (entry: TarEntry) => Promise<void>): Promise<void> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const reader = new ByteReader(iterator)
  try {
    const globalRecords = new Map<string, string>()
    let records = new Map<string, string>()
    let longName: string | undefined
    for (;;) {
      const block = await reader.exactly(BLOCK)
      if (block.length < BLOCK) throw new Error('The tar archive ends early: it was cut short.')
      if (block.every((byte) => byte === 0)) break
      const header = parseHeader(block)
      if (header.typeflag === 'x' || header.typeflag === 'g') {
        const parsed = parsePax(await readMeta(reader, header.size))
        if (header.typeflag === 'x') records = parsed
        else for (const [key, value] of parsed) globalRecords.set(key, value)
        continue
      }
      if (header.typeflag === 'L' || header.typeflag === 'K') {
        const meta = await readMeta(reader, header.size)
        // Link targets are not reported: links count as 'other'.
        if (header.typeflag === 'L') longName = cString(meta)
        continue
      }
      // An entry's own records come first, then GNU's long name, then the archive-wide records.
      const path = records.get('path') ?? longName ?? globalRecords.get('path') ?? header.path
      const sizeRecord = records.get('size') ?? globalRecords.get('size')
      const size = sizeRecord === undefined ? header.size : parseDecimal(sizeRecord, 'pax size')
      const type = entryType(header.typeflag, path)
      await emit(reader, onEntry, { path: path.replace(/\/+$/, ''), type, size })
      await skip(reader, padding(size))
      records = new Map()
      longName = undefined
    }
    // Reading to the end lets a gunzip in front check its trailer: a damaged download fails here.
    while (await reader.some(CHUNK));
  } finally {
    await iterator.return?.()
  }
}

interface Header {
  path: string
  size: number
  typeflag: string
}

function parseHeader(block: Buffer): Header {
  const stored = parseNumber(block.subarray(148, 156), 'checksum')
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < BLOCK; i++) {
    // The checksum field counts as eight spaces.
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!
    unsigned += byte
    signed += byte > 127 ? byte - 256 : byte
  }
  if (stored !== unsigned && stored !== signed)
    throw new Error('The tar archive is corrupt: a header checksum is wrong.')
  const name = cString(block.subarray(0, 100))
  // POSIX ustar splits long paths into prefix and name; GNU tar uses those bytes otherwise.
  const posix = block.subarray(257, 263).toString('latin1') === 'ustar\0'
  const prefix = posix ? cString(block.subarray(345, 500)) : ''
  return {
    path: prefix ? `${prefix}/${name}` : name,
    size: parseNumber(block.subarray(124, 136), 'size'),
    typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]!),
  }
}

function entryType(typeflag: string, path: string): TarEntry['type'] {
  if (typeflag === '5') return 'directory'
  if (typeflag === '0' || typeflag === '7') return path.endsWith('/') ? 'directory' : 'file'
  return 'other'
}

/** Octal, or base-256 (high bit set) as GNU tar writes sizes over 8 GiB. */
function parseNumber(field: Buffer, what: string): number {
  let value: number
  if (field[0]! & 0x80) {
    if (field[0]! & 0x40) throw new Error(`The tar archive is corrupt: a negative ${what}.`)
    value = field[0]! & 0x3f
    for (const byte of field.subarray(1)) value = value * 256 + byte
  } else {
    const text = cString(field, 'latin1').trim()
    if (!/^[0-7]*$/.test(text)) throw new Error(`The tar archive is corrupt: '${text}' is not a ${what}.`)
    value = text ? parseInt(text, 8) : 0
  }
  if (!Number.isSafeInteger(value)) throw new Error(`The tar archive is corrupt: ${what} out of range.`)
  return value
}

function parseDecimal(text: string, what: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`The tar archive is corrupt: '${text}' is not a ${what}.`)
  }
  return Number(text)
}

/** Pax records are `<length> <key>=<value>\n`, the length counting the whole record in bytes. */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>()
  let offset = 0
  while (offset < data.length && data[offset] !== 0) {
    const space = data.indexOf(0x20, offset)
    const length = space < 0 ? NaN : Number(data.subarray(offset, space).toString('latin1'))
    const end = offset + length
    if (!Number.isInteger(length) || length <= 0 || end > data.length || data[end - 1] !== 0x0a) {
      throw new Error('The tar archive is corrupt: a pax header record is malformed.')
    }
    const record = data.subarray(space + 1, end - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1))
    offset = end
  }
  return records
}

function cString(field: Buffer, encoding: BufferEncoding = 'utf8'): string {
  const end = field.indexOf(0)
  return field.subarray(0, end < 0 ? field.length : end).toString(encoding)
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK

async function readMeta(reader: ByteReader, size: number): Promise<Buffer> {
  if (size > MAX_META_BYTES) throw new Error(`The tar archive is corrupt: a ${size}-byte metadata header.`)
  const data = await reader.exactly(size)
  if (data.length < size) throw new Error('The tar archive ends early: it was cut short.')
  await skip(reader, padding(size))
  return data
}

async function skip(reader: ByteReader, length: number): Promise<void> {
  for (let left = length; left > 0;) {
    const piece = await reader.some(Math.min(left, CHUNK))
    if (!piece) throw new Error('The tar archive ends early: it was cut short.')
    left -= piece.length
  }
}

/**
 * Feeds one entry's bytes into its body while the handler runs, waiting whenever the
 * handler falls behind. Once the handler is done, whatever it left unread is dropped.
 */
async function emit(
  reader: ByteReader,
  onEntry: (entry: TarEntry) => Promise<void>,
  entry: Omit<TarEntry, 'body'>,
): Promise<void> {
  const body = new PassThrough({ highWaterMark: CHUNK })
  // The handler reports the body's errors itself; with nobody listening they must not crash the process.
  body.on('error', () => {})
  let failure: { error: unknown } | undefined
  const handled = Promise.resolve()
    .then(() => onEntry({ ...entry, body }))
    .then(
      () => void body.resume(),
      (error: unknown) => {
        failure = { error }
        body.destroy()
      },
    )
  for (let left = entry.size; left > 0 && !failure;) {
    const piece = await reader.some(Math.min(left, CHUNK))
    if (!piece) {
      body.destroy(new Error(`'${entry.path}' is cut short.`))
      await handled
      throw new Error('The tar archive ends early: it was cut short.')
    }
    left -= piece.length
    if (!body.destroyed && !body.write(piece)) await drained(body)
  }
  if (!failure) body.end()
  await handled
  if (failure) throw failure.error
}

function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done)
      resolve()
    }
    stream.on('drain', done).on('close', done)
  })
}

/** Hands out the input's bytes in pieces of the size the reader asks for, without copying. */
class ByteReader {
  private pending: Buffer = Buffer.alloc(0)
  private ended = false

  constructor(private readonly chunks: AsyncIterator<Buffer | string>) {}

  /** Up to `max` bytes (at least one), or undefined at the end of the input. */
  async some(max: number): Promise<Buffer | undefined> {
    while (this.pending.length === 0) {
      if (this.ended) return undefined
      const next = await this.chunks.next()
      if (next.done) this.ended = true
      else this.pending = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    }
    const piece = this.pending.subarray(0, max)
    this.pending = this.pending.subarray(piece.length)
    return piece
  }

  /** `length` bytes, or fewer when the input ends first. */
  async exactly(length: number): Promise<Buffer> {
    const pieces: Buffer[] = []
    for (let got = 0; got < length;) {
      const piece = await this.some(length - got)
      if (!piece) break
      pieces.push(piece)
      got += piece.length
    }
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)
  }
}
