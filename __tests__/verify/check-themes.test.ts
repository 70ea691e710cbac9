import assert from 'node:assert/strict'
import { readFile, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { makeZip } from '../../scripts/ghost/zip.js'
import { themeZip } from './fake-site.js'
import { copyOf, editManifest, replaceFile, runVerify, wholeBackup } from './support.js'

const ZIP = 'themes/starter.zip'

describe('the theme check', () => {
  const withZip = async (zip: Buffer | string, resigned = true) => {
    const dir = await copyOf(await wholeBackup({ include: 'themes' }))
    await replaceFile(dir, ZIP, zip, resigned)
    return runVerify([dir])
  }

  it('opens the zip the backup saved', async () => {
    const dir = await wholeBackup({ include: 'themes' })
    assert.deepEqual(await readFile(path.join(dir, ZIP)), themeZip())
    const run = await runVerify([dir])
    assert.deepEqual([run.code, run.problems], [0, []])
  })

  it('names a zip cut in half', async () => {
    const zip = themeZip()
    const run = await withZip(zip.subarray(0, zip.length >> 1), false)
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${ZIP}: ${zip.length >> 1} bytes where the manifest says ${zip.length} (cut short)`,
      `${ZIP}: no end-of-central-directory record: not a whole zip (cut short?)`,
    ])
  })

  it('names a damaged central directory entry', async () => {
    const zip = themeZip()
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), zip.readUInt32LE(end + 16) + 4)
    zip[second] = 0
    const run = await withZip(zip)
    assert.deepEqual(run.problems, [`${ZIP}: central directory entry 2 of 3 is unreadable (damaged)`])
  })

  it('names an entry whose file data is gone', async () => {
    const zip = themeZip()
    zip[0] = 0 // the first local file header
    const run = await withZip(zip)
    assert.deepEqual(run.problems, [`${ZIP}: entry 'starter/package.json' points at no file data (damaged)`])
  })

  it('names a directory that runs past its end record', async () => {
    const zip = themeZip()
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    zip.writeUInt32LE(zip.readUInt32LE(end + 12) + 10, end + 12)
    const run = await withZip(zip)
    assert.deepEqual(run.problems, [`${ZIP}: its central directory runs past where it should end (damaged)`])
  })

  it('names an HTML page and an empty zip', async () => {
    const page = await withZip('<html><body>Not found</body></html>')
    assert.deepEqual(page.problems, [`${ZIP}: no end-of-central-directory record: not a whole zip (cut short?)`])
    const empty = await withZip(makeZip([]))
    assert.deepEqual(empty.problems, [`${ZIP}: a zip with no files in it, so no theme`])
  })

  it('names an active theme without its zip', async () => {
    const dir = await copyOf(await wholeBackup({ include: 'themes' }))
    await rm(path.join(dir, ZIP))
    await editManifest(dir, (manifest) => (manifest.files = []))
    const run = await runVerify([dir])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${ZIP}: the manifest names 'starter' as the active theme, but its zip is not in the backup`,
    ])
  })

  it("needs no zip of Ghost's own theme when it is the active one", async () => {
    const dir = await copyOf(await wholeBackup({ include: 'themes' }))
    await rm(path.join(dir, ZIP))
    await editManifest(dir, (manifest) => {
      manifest.files = []
      manifest.activeTheme = 'casper'
    })
    assert.deepEqual((await runVerify([dir])).problems, [])
  })
})
