import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gitBlobSha } from '../../src/destinations/commit/git-blob.js'

describe('gitBlobSha', () => {
  let folder: string
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'git-blob-test-'))
  })
  after(() => rmSync(folder, { recursive: true, force: true }))

  const cases: Record<string, Buffer> = {
    empty: Buffer.alloc(0),
    text: Buffer.from('{"posts":[]}\n'),
    'no final newline': Buffer.from('a\r\nb'),
    unicode: Buffer.from('naïve 文件 ✓'),
    binary: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    // Larger than one read, so the id is built over several chunks.
    'several chunks': randomBytes(3 * 1024 * 1024 + 17),
  }

  for (const [name, content] of Object.entries(cases)) {
    it(`matches git hash-object for ${name} content`, async () => {
      const file = join(folder, name.replace(/ /g, '-'))
      writeFileSync(file, content)
      const expected = execFileSync('git', ['hash-object', '--no-filters', file]).toString().trim()
      assert.equal(await gitBlobSha(file), expected)
    })
  }

  it('names the file when it cannot be read', async () => {
    await assert.rejects(gitBlobSha(join(folder, 'missing')), /ENOENT.*missing/)
  })
})
