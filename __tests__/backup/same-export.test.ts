import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { sameExportApartFromTime } from '../../src/backup/same-export.js'
import { tempDir } from '../support/run-fake-backup.js'

const exportText = (time: number, title: string, padding = 0) =>
  JSON.stringify({
    db: [{ meta: { exported_on: time, version: '6.65.0' }, data: { posts: [{ title, html: 'x'.repeat(padding) }] } }],
  })

async function compare(a: string, b: string): Promise<boolean> {
  const dir = await tempDir()
  await writeFile(path.join(dir, 'a.json'), a)
  await writeFile(path.join(dir, 'b.json'), b)
  return sameExportApartFromTime(path.join(dir, 'a.json'), path.join(dir, 'b.json'))
}

describe('sameExportApartFromTime', () => {
  it('ignores the export time', async () => {
    assert.equal(await compare(exportText(1796419624289, 'Hello'), exportText(1796419999999, 'Hello')), true)
  })
  it('sees a change past the first megabyte', async () => {
    const big = 3 * 1024 * 1024
    assert.equal(await compare(exportText(1, 'Hello', big), exportText(2, 'Hello', big)), true)
    assert.equal(await compare(exportText(1, 'Hello', big), exportText(2, 'Hellp', big)), false)
  })
  it('sees any other difference', async () => {
    assert.equal(await compare(exportText(1, 'Hello'), exportText(1, 'Jello')), false)
    assert.equal(await compare(exportText(1, 'Hello'), exportText(1, 'Hello!')), false)
  })
})
