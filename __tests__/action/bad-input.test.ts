import assert from 'node:assert/strict'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FakeGhost } from '../support/fake-ghost.js'
import { runAction } from '../support/run-bundle.js'
import { tempDir } from '../support/run-fake-backup.js'

async function folderOfOtherFiles(): Promise<string> {
  const dir = await tempDir()
  writeFileSync(path.join(dir, 'notes.txt'), 'mine')
  return dir
}

const TOKEN = `${'0123456789abcdef01234567'}:${'89abcdef'.repeat(8)}`

/**
 * Every kind of bad input, run through the bundled action as the runner starts it: one
 * `::error::` line naming the input and what is expected, exit code 1, nothing written,
 * and (but for the one case that needs it) not a single request to the site.
 */
const CASES: { name: string; inputs: Record<string, string>; message: RegExp; asksSite?: boolean }[] = [
  {
    name: 'no url',
    inputs: { url: '' },
    message: /^Input 'url' is required\. Expected the site's URL, such as https:\/\/example\.com\.$/,
  },
  {
    name: 'a malformed url',
    inputs: { url: 'example.com/blog' },
    message: /^Invalid 'url' 'example\.com\/blog'\. Expected a URL such as https:\/\/example\.com/,
  },
  {
    name: 'a url that is not a Ghost site',
    inputs: {},
    message:
      /^'url' does not look like a Ghost site: GET http:\/\/127\.0\.0\.1:\d+\/ghost\/api\/admin\/site\/: expected JSON from Ghost but got an HTML page titled 'Welcome to nginx!'/,
    asksSite: true,
  },
  {
    name: 'both token and password',
    inputs: { username: 'me@example.com', password: 'a long secret' },
    message: /^Set either 'staff-token' or 'username' and 'password', not both\./,
  },
  { name: 'neither token nor password', inputs: { 'staff-token': '' }, message: /^No credentials: set 'staff-token'/ },
  {
    name: 'a token of the wrong form',
    inputs: { 'staff-token': 'abc123:def' },
    message: /^Invalid 'staff-token'\. Expected the form <24 hex characters>:<64 hex characters>/,
  },
  {
    name: 'plain http to another host',
    inputs: { url: 'http://blog.example.com/' },
    message: /^Refusing plain http:\/\/ for 'url' http:\/\/blog\.example\.com/,
  },
  {
    name: 'an unknown part to include',
    inputs: { include: 'content,comments' },
    message:
      /^Invalid 'include' 'comments'\. Expected a comma-separated list of: all, content, members, themes, settings, images, media, files\.$/,
  },
  {
    name: 'an unknown destination',
    inputs: { destination: 's3' },
    message: /^Invalid 'destination' 's3'\. Expected artifact, commit, both \('artifact,commit'\) or none\.$/,
  },
  {
    name: 'retention-days out of range',
    inputs: { 'retention-days': '0' },
    message: /^Invalid 'retention-days' '0'\. Expected a whole number from 1 to 90\.$/,
  },
  {
    name: 'concurrency out of range',
    inputs: { concurrency: '100' },
    message: /^Invalid 'concurrency' '100'\. Expected a whole number from 1 to 64\.$/,
  },
  {
    name: 'an artifact name that cannot be fixed',
    inputs: { destination: 'artifact', 'artifact-name': '///' },
    message: /^Invalid 'artifact-name' '\/\/\/'\. Expected a name for the artifact/,
  },
  {
    name: 'a branch git refuses',
    inputs: { destination: 'commit', 'github-token': 'ghs_x', repository: 'o/r', branch: 'nightly backups' },
    message: /^Invalid 'branch' 'nightly backups'\. Expected a branch name git accepts/,
  },
  {
    name: 'an age recipient that does not parse',
    inputs: { 'encryption-recipients': 'age1notakey' },
    message: /^Invalid 'encryption-recipients' line 1 'age1notakey\.\.\.'\. Expected an age public key/,
  },
  {
    name: 'a path holding other files',
    inputs: { path: 'FOLDER_OF_OTHER_FILES' },
    message: /^Invalid 'path' '.*'\. It holds files that are not a backup made by this tool/,
  },
]

describe('bad input through the bundled action', () => {
  let site: FakeGhost
  before(async () => {
    site = await FakeGhost.start()
    site.on('GET', 'site/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html><head><title>Welcome to nginx!</title></head></html>')
    })
  })
  after(() => site.stop())

  for (const { name, inputs, message, asksSite } of CASES) {
    it(`${name}: one clear line, nothing written${asksSite ? '' : ', no request'}`, async () => {
      site.requests.length = 0
      if (inputs.path === 'FOLDER_OF_OTHER_FILES') inputs.path = await folderOfOtherFiles()
      const run = await runAction({ url: site.url, 'staff-token': TOKEN, ...inputs })
      assert.equal(run.code, 1, run.stdout)
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
      assert.equal(errors.length, 1, run.stdout)
      assert.match(errors[0]!.slice('::error::'.length), message)
      assert.equal(site.requests.length > 0, Boolean(asksSite), 'requests to the site')
      assert.ok(!existsSync(path.join(run.workspace, 'ghost-backup')), 'nothing written')
      if (inputs.path) assert.deepEqual(readdirSync(inputs.path), ['notes.txt'], 'the folder is untouched')
    })
  }
})
