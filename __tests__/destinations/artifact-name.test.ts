import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { artifactName } from '../../src/destinations/artifact-name.js'
import { InputError } from '../../src/settings/input-error.js'

const values = { host: 'example.com', date: '2025-01-31', run: '12345678901' }

describe('artifactName', () => {
  it('fills the default template', () =>
    assert.equal(artifactName('ghost-backup-{host}-{date}', values), 'ghost-backup-example.com-2025-01-31'))

  it('fills every placeholder, as often as it appears, and leaves other braces alone', () =>
    assert.equal(
      artifactName('{run}/{host}:{date}-{run}-{other}', values),
      '12345678901-example.com-2025-01-31-12345678901-{other}',
    ))

  it('replaces every character the artifact service refuses with a dash', () => {
    for (const refused of ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/']) {
      assert.equal(artifactName(`a${refused}b`, values), 'a-b', JSON.stringify(refused))
    }
  })

  it('fixes refused characters that come in through the values', () =>
    assert.equal(
      artifactName('backup-{host}-{date}', { ...values, host: 'localhost:2368', date: '2025-01-31T03:17' }),
      'backup-localhost-2368-2025-01-31T03-17',
    ))

  it('keeps characters the service takes', () =>
    assert.equal(artifactName('Blog backup (nightly) #1 {host}', values), 'Blog backup (nightly) #1 example.com'))

  it('refuses a name that is empty, or nothing but dashes and spaces once fixed', () => {
    for (const template of ['', '   ', '//', ' :?* ', '{host}']) {
      const fill = template === '{host}' ? { ...values, host: '::' } : values
      assert.throws(
        () => artifactName(template, fill),
        (error: unknown) =>
          error instanceof InputError &&
          error.message ===
            `Invalid 'artifact-name' '${template}'. Expected a name for the artifact, such as ghost-backup-{host}-{date}.`,
        JSON.stringify(template),
      )
    }
  })
})
