import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { makeZip } from '../../scripts/ghost/zip.js'
import { readZipDirectory } from '../../src/verify/zip-directory.js'
import { tempDir } from '../support/run-fake-backup.js'

const ENTRIES = [
  { name: 'theme/package.json', data: '{"name":"theme"}' },
  { name: 'theme/index.hbs', data: 'x'.repeat(5000) },
]

async function saved(bytes: Buffer): Promise<string> {
  const file = path.join(await tempDir(), 'theme.zip')
  await writeFile(file, bytes)
  return file
}

/** The same zip with a comment after its end record, as some zip tools write. */
function withComment(zip: Buffer, comment: string): Buffer {
  const copy = Buffer.from(zip)
  copy.writeUInt16LE(Buffer.byteLength(comment), copy.length - 2)
  return Buffer.concat([copy, Buffer.from(comment)])
}

/** The same zip in zip64 form: the end record points on to a zip64 end record. */
function asZip64(zip: Buffer): Buffer {
  const endAt = zip.length - 22
  const entries = zip.readUInt16LE(endAt + 10)
  const size = zip.readUInt32LE(endAt + 12)
  const offset = zip.readUInt32LE(endAt + 16)
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeBigUInt64LE(BigInt(entries), 24)
  record.writeBigUInt64LE(BigInt(entries), 32)
  record.writeBigUInt64LE(BigInt(size), 40)
  record.writeBigUInt64LE(BigInt(offset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(endAt), 8)
  locator.writeUInt32LE(1, 16)
  const end = Buffer.from(zip.subarray(endAt))
  end.writeUInt16LE(0xffff, 8)
  end.writeUInt16LE(0xffff, 10)
  end.writeUInt32LE(0xffffffff, 12)
  end.writeUInt32LE(0xffffffff, 16)
  return Buffer.concat([zip.subarray(0, endAt), record, locator, end])
}

describe('readZipDirectory', () => {
  it('counts the entries of a zip, with or without a comment', async () => {
    assert.equal(await readZipDirectory(await saved(makeZip(ENTRIES))), 2)
    assert.equal(await readZipDirectory(await saved(withComment(makeZip(ENTRIES), 'made by a tool'))), 2)
  })

  it('reads a zip64 end record', async () => {
    assert.equal(await readZipDirectory(await saved(asZip64(makeZip(ENTRIES)))), 2)
  })

  it('refuses a file too short to be a zip, and one cut anywhere', async () => {
    await assert.rejects(
      readZipDirectory(await saved(Buffer.from('PK'))),
      /^ZipDamage: too short to be a zip \(2 bytes\)$/,
    )
    const zip = makeZip(ENTRIES)
    for (const length of [30, zip.length >> 1, zip.length - 1]) {
      await assert.rejects(
        readZipDirectory(await saved(zip.subarray(0, length))),
        /no end-of-central-directory record: not a whole zip \(cut short\?\)/,
        `cut at ${length}`,
      )
    }
  })

  it('refuses a zip64 zip whose zip64 end record is gone', async () => {
    const zip = asZip64(makeZip(ENTRIES))
    const broken = Buffer.concat([zip.subarray(0, zip.length - 22 - 20 - 56), zip.subarray(zip.length - 22)])
    await assert.rejects(readZipDirectory(await saved(broken)), /its zip64 end record is missing \(damaged\)/)
  })
})
