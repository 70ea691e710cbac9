import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PreviousBackupError } from '../../src/destinations/commit/previous-backup.js'
import { InputError } from '../../src/settings/input-error.js'
import { failureMessage } from '../../src/util/failure.js'

describe('failureMessage', () => {
  it("shows the tool's own errors as their message alone", () => {
    assert.equal(failureMessage(new InputError("Invalid 'url'.")), "Invalid 'url'.")
    assert.equal(failureMessage(new PreviousBackupError('Could not read the branch.')), 'Could not read the branch.')
    assert.equal(failureMessage(new Error('plain')), 'plain')
  })
  it('keeps the name of a bug', () => {
    assert.equal(failureMessage(new TypeError('x is undefined')), 'TypeError: x is undefined')
    assert.equal(failureMessage('thrown text'), 'thrown text')
  })
})
