import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { generateIdentity, identityToRecipient } from 'age-encryption'
import { checkRecipients, encryptToFile } from '../../src/archive/encryption.js'
import { readEncryption } from '../../src/settings/read-encryption.js'
import { openBackup } from '../../src/archive/open-backup.js'
import { packFolder } from '../../src/archive/tar-writer.js'
import { listFiles } from '../../src/util/walk.js'
import { tempDir } from '../support/run-fake-backup.js'

const files: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"format":1}'),
  'data/content.json': Buffer.from('{"db":[{"meta":{}}]} Harness secret title'),
  'images/2026/01/caf\u00e9 photo.png': randomBytes(70_000),
  [`files/${'very-long-folder-name/'.repeat(5)}report.pdf`]: randomBytes(1000),
  'data/empty.csv': Buffer.alloc(0),
}

async function makeBackup(): Promise<string> {
  const dir = path.join(await tempDir(), 'plain')
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), bytes)
  }
  return dir
}

async function assertSameFiles(dir: string): Promise<void> {
  assert.deepEqual(await listFiles(dir), Object.keys(files).sort())
  for (const [name, bytes] of Object.entries(files)) assert.deepEqual(await readFile(path.join(dir, name)), bytes, name)
}

describe('archives', () => {
  it('packs a tar that the system tar unpacks, long and unicode names included', async () => {
    const dir = await makeBackup()
    const tar = path.join(await tempDir(), 'backup.tar')
    const { pipeline } = await import('node:stream/promises')
    const { createWriteStream } = await import('node:fs')
    await pipeline(packFolder(dir, await listFiles(dir)), createWriteStream(tar))
    const out = await tempDir()
    execFileSync('tar', ['-xf', tar, '-C', out])
    await assertSameFiles(out)
    const opened = await openBackup(tar, { identities: [], passphrases: [] })
    await assertSameFiles(opened.dir)
    await opened.close()
  })

  it('encrypts to an age key and opens with the identity only', async () => {
    const identity = await generateIdentity()
    const dir = await makeBackup()
    const sealed = path.join(await tempDir(), 'backup.tar.age')
    await encryptToFile(
      packFolder(dir, await listFiles(dir)),
      { recipients: [await identityToRecipient(identity)] },
      sealed,
    )
    const bytes = await readFile(sealed)
    assert.ok(bytes.subarray(0, 30).toString().startsWith('age-encryption.org/v1'))
    assert.ok(!bytes.includes(Buffer.from('Harness secret title')), 'no plaintext in the sealed file')
    await assert.rejects(
      openBackup(sealed, { identities: [], passphrases: [] }),
      /The backup is encrypted\. Pass '--identity/,
    )
    await assert.rejects(openBackup(sealed, { identities: [await generateIdentity()], passphrases: [] }))
    const opened = await openBackup(sealed, { identities: [identity], passphrases: [] })
    await assertSameFiles(opened.dir)
    await opened.close()
  })

  it('encrypts with a passphrase', async () => {
    const dir = await makeBackup()
    const sealed = path.join(await tempDir(), 'backup.tar.age')
    await encryptToFile(
      packFolder(dir, await listFiles(dir)),
      { recipients: [], passphrase: 'long horse battery staple' },
      sealed,
    )
    const opened = await openBackup(sealed, { identities: [], passphrases: ['long horse battery staple'] })
    await assertSameFiles(opened.dir)
    await opened.close()
  })

  it('checks recipients with the age library', async () => {
    const recipient = await identityToRecipient(await generateIdentity())
    assert.deepEqual(readEncryption(`# backups\n${recipient}\n\n`, ''), { recipients: [recipient] })
    await checkRecipients([recipient])
    await assert.rejects(
      checkRecipients([recipient, 'age1notakey']),
      /^InputError: Invalid 'encryption-recipients' line 2 'age1notakey\.\.\.'\. Expected an age public key/,
    )
    assert.throws(() => readEncryption('ssh-ed25519 AAAAC3Nza me@host', ''), /line 1: SSH keys are not supported/)
    assert.throws(
      () => readEncryption(recipient, 'a pass'),
      /Set either 'encryption-recipients' or 'encryption-passphrase', not both/,
    )
  })
})
