import assert from 'node:assert/strict'
import * as path from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { exportBody, FakeGhost, ghostError, json, serveExport, siteBody } from '../support/fake-ghost.js'
import { answerBody, type GhostAnswer, GHOST_ANSWERS } from '../support/ghost-answers.js'
import { recordingLogger, runFakeBackup, tempDir } from '../support/run-fake-backup.js'

const COOKIE = 'ghost-admin-api-session=s%3AfakeSessionId.signature'

describe('password login against a stand-in Ghost', () => {
  let ghost: FakeGhost
  let dir: string
  const login = (logger = recordingLogger()) =>
    runFakeBackup(
      ghost.url,
      { 'staff-token': '', username: 'owner@example.com', password: 'a long secret 1', path: dir },
      logger,
    )

  before(async () => {
    ghost = await FakeGhost.start()
  })
  after(() => ghost.stop())
  beforeEach(async () => {
    ghost.requests.length = 0
    dir = path.join(await tempDir(), 'backup')
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody()))
    ghost.on('POST', 'session/', (_req, res) =>
      res
        .writeHead(201, {
          'Set-Cookie': `${COOKIE}; Path=/ghost; Expires=Sat, 05 Jun 2027 12:00:00 GMT; HttpOnly; SameSite=Lax`,
        })
        .end('Created'),
    )
    serveExport(ghost)
    ghost.on('GET', 'db/', (req, res) =>
      req.headers.cookie === COOKIE
        ? json(res, 200, exportBody())
        : json(res, 403, ghostError('NoPermissionError', 'Authorization failed')),
    )
    ghost.on('DELETE', 'session/', (_req, res) => res.writeHead(204).end())
  })

  it('logs in once, sends the cookie with the same Origin, and logs out', async () => {
    const logger = recordingLogger()
    const result = await login(logger)
    assert.equal(result.manifest.auth, 'password')
    const [post] = ghost.requests.filter((r) => r.method === 'POST')
    assert.deepEqual(JSON.parse(post!.body), { username: 'owner@example.com', password: 'a long secret 1' })
    const origin = ghost.url.replace(/\/$/, '')
    assert.equal(post!.headers.origin, origin)
    const db = ghost.requests.find((r) => r.path.endsWith('/db/'))!
    assert.equal(db.headers.origin, origin)
    assert.equal(ghost.count('DELETE', 'session/'), 1)
    assert.ok(logger.secrets.includes(COOKIE), 'the cookie is masked')
  })

  it('explains device verification and keeps nothing', async () => {
    ghost.on('POST', 'session/', (_req, res) => json(res, 403, answerBody(GHOST_ANSWERS.needs2fa)))
    await assert.rejects(login(), (error: Error) => {
      assert.match(error.message, /^Ghost asks for an emailed sign-in code to log in as owner@example\.com/)
      assert.match(error.message, /'staff-token'/)
      assert.match(error.message, /Staff access token/)
      return true
    })
    assert.equal(ghost.count('POST', 'session/'), 1)
    assert.equal(ghost.count('GET', 'db/'), 0)
  })

  const refusals: [string, GhostAnswer, RegExp][] = [
    [
      'a wrong password',
      GHOST_ANSWERS.wrongPassword,
      /Login failed for owner@example\.com: the 'password' is wrong\. Ghost says: "Your password is incorrect\."/,
    ],
    [
      'an unknown user',
      GHOST_ANSWERS.unknownUser,
      /Login failed: Ghost has no staff user with the email in 'username'\. Ghost says: "There is no user with that email address\."/,
    ],
    [
      'too many attempts',
      GHOST_ANSWERS.tooManyLogins,
      /Ghost refused the login for owner@example\.com: too many login attempts from this address\. Ghost says: "Too many login attempts\. Please wait 10 minutes/,
    ],
    [
      'a locked user',
      GHOST_ANSWERS.passwordResetRequired,
      /Ghost has locked owner@example\.com until the password is reset\. Ghost says: "For security, you need to create a new password/,
    ],
  ]
  for (const [name, answer, message] of refusals) {
    it(`shows Ghost's message for ${name} and tries once`, async () => {
      ghost.on('POST', 'session/', (_req, res) => json(res, answer.status, answerBody(answer)))
      await assert.rejects(login(), message)
      assert.equal(ghost.count('POST', 'session/'), 1, 'a refused login is never retried')
    })
  }

  it('never sends the password anywhere but the session endpoint', async () => {
    await login()
    const carriers = ghost.requests.filter(
      (r) => r.body.includes('a long secret 1') || JSON.stringify(r.headers).includes('a long secret 1'),
    )
    assert.deepEqual(
      carriers.map((r) => `${r.method} ${r.path}`),
      ['POST /ghost/api/admin/session/'],
    )
  })
})
