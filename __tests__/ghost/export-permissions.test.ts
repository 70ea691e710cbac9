import assert from 'node:assert/strict'
import * as path from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { FakeGhost, ghostError, json, siteBody } from '../support/fake-ghost.js'
import { answerBody, GHOST_ANSWERS } from '../support/ghost-answers.js'
import { runFakeBackup, tempDir } from '../support/run-fake-backup.js'

const denied = answerBody(GHOST_ANSWERS.exportDenied)

describe('an export Ghost refuses', () => {
  let ghost: FakeGhost
  let dir: string
  before(async () => {
    ghost = await FakeGhost.start()
  })
  after(() => ghost.stop())
  beforeEach(async () => {
    ghost.requests.length = 0
    dir = path.join(await tempDir(), 'backup')
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65')))
    ghost.on('GET', 'db/', (_req, res) => json(res, 403, denied))
  })

  it("names the Editor's role and the roles that may export", async () => {
    ghost.on('GET', 'users/me/', (_req, res) =>
      json(res, 200, { users: [{ name: 'Ed', roles: [{ name: 'Editor' }] }] }),
    )
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /the credential belongs to a user with the Editor role, and only the Owner or an Administrator may export/,
    )
  })

  it('says integration keys cannot export', async () => {
    ghost.on('GET', 'users/me/', (_req, res) => json(res, 404, answerBody(GHOST_ANSWERS.integrationHasNoUser)))
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /This looks like a custom integration's Admin API key: integration keys cannot export content/,
    )
  })

  it("explains older Ghost 5's 501 for integrations the same way", async () => {
    ghost.on('GET', 'db/', (_req, res) =>
      json(
        res,
        501,
        ghostError(
          'NotImplementedError',
          'The server does not support the functionality required to fulfill the request.',
        ),
      ),
    )
    ghost.on('GET', 'users/me/', (_req, res) => json(res, 501, ghostError('NotImplementedError', 'Not implemented')))
    await assert.rejects(runFakeBackup(ghost.url, { path: dir }), /integration keys cannot export content/)
  })

  it('tells an Administrator on Ghost 5.120 to upgrade', async () => {
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('5.120')))
    ghost.on('GET', 'users/me/', (_req, res) => json(res, 200, { users: [{ roles: [{ name: 'Administrator' }] }] }))
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /Ghost 5\.120 does not let staff tokens export; Ghost 5\.129 and later do/,
    )
  })
})

describe('a key Ghost does not know', () => {
  it('names the staff-token input and how to get a new token', async () => {
    const ghost = await FakeGhost.start()
    try {
      ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65')))
      ghost.on('GET', 'db/', (_req, res) => json(res, 401, answerBody(GHOST_ANSWERS.unknownKey)))
      const dir = path.join(await tempDir(), 'backup')
      await assert.rejects(
        runFakeBackup(ghost.url, { path: dir }),
        /Ghost rejected 'staff-token' \(Ghost says: "Unknown Admin API Key"\)\. Copy the token again/,
      )
      assert.equal(ghost.count('GET', 'db/'), 1, 'a 401 is not retried')
    } finally {
      await ghost.stop()
    }
  })
})
