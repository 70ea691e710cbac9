import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { GhostClient } from '../../src/ghost/client.js'
import { RedirectError } from '../../src/ghost/errors.js'
import { createHttpTransport } from '../../src/ghost/http.js'
import { parseStaffToken } from '../../src/settings/credentials.js'
import { FakeGhost, ghostError, json } from '../support/fake-ghost.js'
import { recordingLogger, TOKEN } from '../support/run-fake-backup.js'

function clientFor(url: string): GhostClient {
  const address = new URL(url)
  return new GhostClient({
    address: { siteUrl: address, adminUrl: address },
    credentials: { kind: 'staff-token', token: parseStaffToken(TOKEN) },
    transport: createHttpTransport({ timeoutMs: 5000 }),
    retry: { retries: 3, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => {} },
    logger: recordingLogger(),
  })
}

describe('GhostClient requests that change a site', () => {
  let ghost: FakeGhost
  beforeEach(async () => {
    ghost = await FakeGhost.start()
  })
  afterEach(() => ghost.stop())

  it('sends a POST once, even when Ghost answers 503', async () => {
    ghost.on('POST', 'db/', (_req, res) => json(res, 503, ghostError('InternalServerError', 'Busy')))
    await assert.rejects(clientFor(ghost.url).sendJson('POST', 'db/', {}), /POST \/db\/ failed with HTTP 503: Busy/)
    assert.equal(ghost.count('POST', 'db/'), 1)
  })

  it('repeats a PUT or DELETE on a temporary failure: they land on the same state', async () => {
    let calls = 0
    ghost.on('PUT', 'themes/x/activate/', (_req, res) =>
      ++calls < 3 ? json(res, 503, ghostError('InternalServerError', 'Busy')) : json(res, 200, { themes: [] }),
    )
    assert.deepEqual(await clientFor(ghost.url).sendJson('PUT', 'themes/x/activate/'), { themes: [] })
    assert.equal(calls, 3)
  })

  it('signs the request, sends the body with its length and type, and reads an empty answer as undefined', async () => {
    ghost.on('DELETE', 'tags/1/', (_req, res) => void res.writeHead(204).end())
    ghost.on('PUT', 'users/1/', (_req, res) => json(res, 200, { users: [{ id: '1' }] }))
    const client = clientFor(ghost.url)
    assert.equal(await client.sendJson('DELETE', 'tags/1/'), undefined)
    await client.sendJson('PUT', 'users/1/', { users: [{ name: 'Zoë' }] })
    const put = ghost.requests.find((r) => r.method === 'PUT')!
    assert.match(String(put.headers.authorization), /^Ghost [\w-]+\.[\w-]+\.[\w-]+$/)
    assert.equal(put.headers['content-type'], 'application/json')
    assert.equal(put.headers['content-length'], String(Buffer.byteLength(put.body)))
    assert.deepEqual(JSON.parse(put.body), { users: [{ name: 'Zoë' }] })
  })

  it('reports a redirect instead of following it with the credentials', async () => {
    ghost.on(
      'POST',
      'members/upload/',
      (_req, res) =>
        void res.writeHead(301, { Location: 'https://admin.example.com/ghost/api/admin/members/upload/' }).end(),
    )
    await assert.rejects(
      clientFor(ghost.url).send('POST', 'members/upload/', { data: 'x', contentType: 'text/csv' }),
      (error) =>
        error instanceof RedirectError &&
        /Ghost Admin is served from https:\/\/admin.example.com\//.test(error.message),
    )
    assert.equal(ghost.requests.length, 1)
  })

  it('explains a rejected token', async () => {
    ghost.on('POST', 'db/', (_req, res) => json(res, 401, ghostError('UnauthorizedError', 'Unknown Admin API Key')))
    await assert.rejects(clientFor(ghost.url).sendJson('POST', 'db/'), /Ghost rejected 'staff-token'/)
  })
})
