import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseParts, parseTables, PARTS } from '../../src/settings/parts.js'

describe('parseParts', () => {
  it('defaults to everything', () => assert.deepEqual(parseParts('', ''), [...PARTS]))
  it('subtracts exclude and keeps the canonical order', () => {
    assert.deepEqual(parseParts('images, content members', 'members'), ['content', 'images'])
    assert.deepEqual(parseParts('all', 'images,media,files'), ['content', 'members', 'themes', 'settings'])
  })
  it('names unknown parts and the valid ones', () => {
    assert.throws(
      () => parseParts('content,posts', ''),
      /^InputError: Invalid 'include' 'posts'\. Expected a comma-separated list of: all, content, members/,
    )
    assert.throws(() => parseParts('all', 'photos'), /Invalid 'exclude' 'photos'/)
  })
  it('refuses to back up nothing', () => {
    assert.throws(() => parseParts('content', 'content'), /leave nothing to back up/)
  })
})

describe('parseTables', () => {
  it('reads table names', () =>
    assert.deepEqual(parseTables('members, members_labels members'), ['members', 'members_labels']))
  it('refuses anything else', () =>
    assert.throws(() => parseTables('members;drop'), /Invalid 'include-tables' 'members;drop'/))
})
