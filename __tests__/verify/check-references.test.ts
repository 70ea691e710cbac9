import assert from 'node:assert/strict'
import { readFile, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { verifyBackup } from '../../src/verify/verify-backup.js'
import { EXTERNAL_IMAGE, GONE_IMAGE, UNSAFE_REFERENCE } from './fake-site.js'
import { copyOf, editManifest, replaceFile, runVerify, wholeBackup } from './support.js'

const CONTENT = 'data/content.json'

describe('the reference check', () => {
  const damaged = async (damage: (dir: string) => Promise<void>, inputs: Record<string, string> = {}) => {
    const dir = await copyOf(await wholeBackup(inputs))
    await damage(dir)
    return runVerify([dir])
  }
  const unlist = (dir: string, file: string) =>
    editManifest(dir, (manifest) => (manifest.files = manifest.files.filter((entry) => entry.path !== file)))

  it('names a referenced image removed from the folder and the manifest', async () => {
    const image = 'images/2026/01/c.png'
    const run = await damaged(async (dir) => {
      await rm(path.join(dir, image))
      await unlist(dir, image)
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${image}: referenced by ${CONTENT} but neither in the backup nor listed as missing in the manifest`,
    ])
  })

  it('names a file in a media part, and a file that was missing but no longer listed so', async () => {
    const run = await damaged(async (dir) => {
      await rm(path.join(dir, 'media/2026/01/clip.mp4'))
      await unlist(dir, 'media/2026/01/clip.mp4')
      await editManifest(dir, (manifest) => (manifest.missing = []))
    })
    assert.deepEqual(run.problems, [
      `${GONE_IMAGE}: referenced by ${CONTENT} but neither in the backup nor listed as missing in the manifest`,
      `media/2026/01/clip.mp4: referenced by ${CONTENT} but neither in the backup nor listed as missing in the manifest`,
    ])
  })

  it('requires no `_o` original, present or not', async () => {
    const run = await damaged(async (dir) => {
      await rm(path.join(dir, 'images/2026/01/a_o.png'))
      await unlist(dir, 'images/2026/01/a_o.png')
    })
    assert.equal(run.code, 0)
    assert.deepEqual(run.problems, [])
  })

  it('names links on other hosts and unsafe references the manifest does not account for', async () => {
    const run = await damaged((dir) =>
      editManifest(dir, (manifest) => {
        manifest.external = []
        manifest.unsafe = []
      }),
    )
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${CONTENT} links ${EXTERNAL_IMAGE} on another host, but the manifest does not list it`,
      `${CONTENT} references ${UNSAFE_REFERENCE}, whose path would leave the backup folder, but the manifest does not list it as unsafe`,
    ])
  })

  it('needs no file of a part left out', async () => {
    const run = await damaged(
      async (dir) => {
        await rm(path.join(dir, 'images/2026/01/a.png'))
        await unlist(dir, 'images/2026/01/a.png')
        await editManifest(dir, (manifest) => (manifest.parts = manifest.parts.filter((part) => part !== 'images')))
      },
      { include: 'content,images,files' },
    )
    assert.deepEqual(run.problems, [])
  })

  it('takes a link on the address the user typed as a site file, as the backup did', async () => {
    const dir = await copyOf(await wholeBackup())
    const text = await readFile(path.join(dir, CONTENT), 'utf8')
    // The site was backed up as http://localhost:<port>/, which Ghost reports as 127.0.0.1.
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
    const alias = manifest.site.url.replace('127.0.0.1', 'localhost')
    const linked = text.replace('__GHOST_URL__/content/images/2026/01/c.png', `${alias}content/images/2026/01/c.png`)
    assert.notEqual(linked, text)
    await replaceFile(dir, CONTENT, linked, true)
    assert.deepEqual((await verifyBackup(dir)).problems, [])
  })
})
