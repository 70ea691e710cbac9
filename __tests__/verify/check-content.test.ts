import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { copyOf, editManifest, replaceFile, runVerify, wholeBackup } from './support.js'

const CONTENT = 'data/content.json'

interface Loose {
  meta: Record<string, unknown>
  data: Record<string, unknown> & { posts: unknown[] }
}

describe('the content export check', () => {
  const damaged = async (damage: (dir: string, text: string) => Promise<void>) => {
    const dir = await copyOf(await wholeBackup({ include: 'content' }))
    await damage(dir, await readFile(path.join(dir, CONTENT), 'utf8'))
    return runVerify([dir])
  }
  /** The export with its first database edited; loosely typed, as damage does not follow a type. */
  const exportWith = (text: string, edit: (db: Loose) => void) => {
    const parsed = JSON.parse(text)
    edit(parsed.db[0])
    return JSON.stringify(parsed)
  }

  it('names an export cut short', async () => {
    const run = await damaged((dir, text) => replaceFile(dir, CONTENT, text.slice(0, text.length >> 1)))
    assert.equal(run.code, 1)
    const size = (await readFile(path.join(await wholeBackup({ include: 'content' }), CONTENT))).length
    assert.deepEqual(run.problems, [
      `${CONTENT}: ${size >> 1} bytes where the manifest says ${size} (cut short)`,
      `${CONTENT}: not valid JSON: it stops part-way (cut short)`,
    ])
  })

  it('names an HTML page saved in place of the export', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'
    const run = await damaged((dir) => replaceFile(dir, CONTENT, page, true))
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${CONTENT}: an HTML page, not Ghost's export (an error page was saved in its place)`,
    ])
  })

  it("names JSON that is not Ghost's export", async () => {
    const run = await damaged((dir) => replaceFile(dir, CONTENT, '{"errors":[{"message":"Boom"}]}', true))
    assert.deepEqual(run.problems, [`${CONTENT}: JSON, but not Ghost's export (there is no db key)`])
  })

  it('names the tables and the version Ghost’s importer needs', async () => {
    const run = await damaged((dir, text) =>
      replaceFile(
        dir,
        CONTENT,
        exportWith(text, (db) => {
          delete db.meta.version
          delete db.data.users
          delete db.data.settings
          db.data.roles = 'Owner'
        }),
        true,
      ),
    )
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${CONTENT}: lacks db[0].meta.version, without which Ghost's importer refuses it`,
      `${CONTENT}: lacks the tables Ghost's importer reads: users, settings`,
      `${CONTENT}: tables that are not lists of rows: roles`,
    ])
  })

  it('names a version that is not one', async () => {
    const run = await damaged((dir, text) =>
      replaceFile(
        dir,
        CONTENT,
        exportWith(text, (db) => (db.meta.version = '0.11')),
        true,
      ),
    )
    assert.deepEqual(run.problems, [
      `${CONTENT}: db[0].meta.version '0.11' is not a Ghost version, so Ghost's importer refuses it`,
    ])
  })

  it('holds the posts and pages against the counts in the manifest', async () => {
    const run = await damaged((dir, text) =>
      replaceFile(
        dir,
        CONTENT,
        exportWith(text, (db) => db.data.posts.push({ type: 'post', slug: 'x' })),
        true,
      ),
    )
    assert.deepEqual(run.problems, [`${CONTENT}: holds 2 posts, but the manifest counts 1`])
  })

  it('names an included part whose file the manifest does not list', async () => {
    const run = await damaged((dir) =>
      editManifest(dir, (manifest) => (manifest.files = manifest.files.filter((file) => file.path !== CONTENT))),
    )
    assert.deepEqual(run.problems, [
      `${CONTENT}: in the folder but not in the manifest (added after the backup?)`,
      `${CONTENT}: the manifest includes 'content' but does not list this file`,
    ])
  })
})
