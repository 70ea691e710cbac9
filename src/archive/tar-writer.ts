import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Readable } from 'node:stream'

const BLOCK = 512
const USTAR_NAME_BYTES = 100

/** A tar header block: ustar, with the numeric fields in octal as every tar reads them. */
function header(name: string, size: number, typeflag: '0' | 'x', mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  const field = (text: string, offset: number, length: number) => block.write(text, offset, length, 'utf8')
  const octal = (value: number, offset: number, length: number) =>
    field(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length)
  field(name, 0, USTAR_NAME_BYTES)
  octal(0o644, 100, 8)
  octal(0, 108, 8)
  octal(0, 116, 8)
  octal(size, 124, 12)
  octal(mtime, 136, 12)
  field('        ', 148, 8)
  field(typeflag, 156, 1)
  field('ustar\0', 257, 6)
  field('00', 263, 2)
  let sum = 0
  for (const byte of block) sum += byte
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8)
  return block
}

/** A pax record `"<length> path=<name>\n"`, whose length counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`
  const bytes = Buffer.byteLength(body)
  let length = bytes + 1
  while (length !== bytes + String(length).length) length = bytes + String(length).length
  return Buffer.from(`${length}${body}`)
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

/**
 * Packs files of a folder into a tar stream, one file at a time (memory stays flat).
 * Names longer than ustar allows, or not plain ASCII, get a pax header as `tar` expects.
 * Times are fixed at 0 so the archive depends only on the files.
 */
export function packFolder(dir: string, files: string[]): Readable {
  async function* blocks(): AsyncGenerator<Buffer> {
    for (const name of files) {
      const file = path.join(dir, name)
      const { size } = await stat(file)
      if (Buffer.byteLength(name) >= USTAR_NAME_BYTES || /[^\x20-\x7e]/.test(name)) {
        const record = paxRecord('path', name)
        yield header(`PaxHeader/${name.slice(-80).replace(/[^\x20-\x7e]/g, '_')}`, record.length, 'x', 0)
        yield record
        yield padding(record.length)
      }
      yield header(name, size, '0', 0)
      yield* createReadStream(file)
      yield padding(size)
    }
    yield Buffer.alloc(BLOCK * 2)
  }
  return Readable.from(blocks())
}
