import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { crc32 } from 'node:zlib'
import { digestFile, zipChunks, zipLength } from '../../src/restore/zip-writer.js'
import { tempDir } from '../support/run-fake-backup.js'
import { readZip } from '../support/unzip.js'

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const dir = await tempDir()
  const entries = []
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(dir, name.replace(/\//g, '_'))
    await writeFile(file, data)
    const digest = await digestFile(file)
    entries.push({ name, path: file, size: digest.size, crc32: digest.crc32 })
  }
  const chunks: Buffer[] = []
  for await (const chunk of zipChunks(entries)) chunks.push(chunk)
  const zip = Buffer.concat(chunks)
  assert.equal(zip.length, zipLength(entries), 'the length promised before sending')
  return zip
}

describe('zip writer', () => {
  it('stores files whole, under their names, with the CRC unzip checks', async () => {
    const files = {
      'images/2026/01/a.png': Buffer.from('first image bytes'),
      'media/2026/01/tone.wav': Buffer.alloc(70_000, 3),
      'files/2026/01/Ünïcödé.pdf': Buffer.from('%PDF-1.4'),
    }
    const zip = await zipOf(files)
    assert.deepEqual(readZip(zip), new Map(Object.entries(files)))
    // Each local header holds the CRC-32 of its data (offset 14), so no data descriptor is needed.
    let offset = 0
    for (const data of Object.values(files)) {
      assert.equal(zip.readUInt32LE(offset), 0x04034b50)
      assert.equal(zip.readUInt32LE(offset + 14), crc32(data))
      offset += 30 + zip.readUInt16LE(offset + 26) + data.length
    }
  })

  it('is the same bytes for the same files', async () => {
    const files = { 'images/x.png': Buffer.from('x') }
    assert.deepEqual(await zipOf(files), await zipOf(files))
  })

  it('gives sha256 and size with the CRC in one read', async () => {
    const file = path.join(await tempDir(), 'f')
    await writeFile(file, 'hello')
    assert.deepEqual(await digestFile(file), {
      size: 5,
      crc32: crc32('hello'),
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    })
  })
})
