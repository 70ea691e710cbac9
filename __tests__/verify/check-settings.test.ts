import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { REDIRECTS_JSON } from './fake-site.js'
import { copyOf, editManifest, replaceFile, runVerify, wholeBackup } from './support.js'

const ROUTES = 'settings/routes.yaml'
const YAML = 'settings/redirects.yaml'
const JSON_FILE = 'settings/redirects.json'

describe('the routes and redirects check', () => {
  const withFile = async (file: string, body: string | Buffer, redirects: 'yaml' | 'json' = 'yaml') => {
    const dir = await copyOf(await wholeBackup({ include: 'settings' }, { redirects }))
    await replaceFile(dir, file, body, true)
    return runVerify([dir])
  }

  it('names an empty routes.yaml', async () => {
    const run = await withFile(ROUTES, '')
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${ROUTES}: empty, but Ghost never writes it empty (the download went wrong or it was emptied)`,
    ])
  })

  it('names an error page and bytes that are not text', async () => {
    const page = await withFile(ROUTES, '<!DOCTYPE html><html><title>Sign in</title></html>')
    assert.deepEqual(page.problems, [`${ROUTES}: an HTML page, not YAML (an error page was saved in its place)`])
    const binary = await withFile(YAML, Buffer.from([0x33, 0x30, 0x31, 0x3a, 0xff, 0xfe]))
    assert.deepEqual(binary.problems, [`${YAML}: not text (invalid UTF-8): damaged`])
  })

  it('names broken redirects JSON', async () => {
    const run = await withFile(JSON_FILE, REDIRECTS_JSON.slice(0, -3), 'json')
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${JSON_FILE}: not valid JSON (damaged or cut short), so Ghost would refuse it on upload`,
    ])
  })

  it('names redirects JSON that is not a list of redirects', async () => {
    const run = await withFile(JSON_FILE, '{"301":{"/a/":"/b/"}}', 'json')
    assert.deepEqual(run.problems, [
      `${JSON_FILE}: JSON, but not a list of redirects, so Ghost would refuse it on upload`,
    ])
  })

  it('names an empty redirects.yaml', async () => {
    const run = await withFile(YAML, '\n')
    assert.deepEqual(run.problems, [
      `${YAML}: empty, but Ghost never writes it empty (the download went wrong or it was emptied)`,
    ])
  })

  it('names settings without their files in the manifest', async () => {
    const dir = await copyOf(await wholeBackup({ include: 'settings' }))
    await editManifest(dir, (manifest) => (manifest.files = []))
    const run = await runVerify([dir])
    assert.deepEqual(run.problems, [
      `${YAML}: in the folder but not in the manifest (added after the backup?)`,
      `${ROUTES}: in the folder but not in the manifest (added after the backup?)`,
      `${ROUTES}: the manifest includes 'settings' but does not list this file`,
      "settings: the manifest includes 'settings' but lists no redirects file (redirects.yaml or redirects.json)",
    ])
  })
})
