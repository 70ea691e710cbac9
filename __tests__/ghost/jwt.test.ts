import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import { signAdminJwt } from '../../src/ghost/jwt.js'

const token = {
  id: '6489a1b2c3d4e5f601234567',
  secret: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
}
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))

describe('signAdminJwt', () => {
  const now = Date.UTC(2026, 11, 4, 12, 0, 0)
  const jwt = signAdminJwt(token, now)
  const [header, payload, signature] = jwt.split('.')

  it('names the key and the algorithm Ghost expects', () => {
    assert.deepEqual(decode(header!), { alg: 'HS256', typ: 'JWT', kid: token.id })
  })

  it('is issued now for the admin audience and lives 5 minutes', () => {
    const claims = decode(payload!)
    assert.equal(claims.iat, now / 1000)
    assert.equal(claims.exp - claims.iat, 300)
    assert.equal(claims.aud, '/admin/')
  })

  it('is signed with the hex-decoded secret', () => {
    const expected = createHmac('sha256', Buffer.from(token.secret, 'hex'))
      .update(`${header}.${payload}`)
      .digest('base64url')
    assert.equal(signature, expected)
    const wrongKey = createHmac('sha256', token.secret).update(`${header}.${payload}`).digest('base64url')
    assert.notEqual(signature, wrongKey)
  })

  it('signs a new token for each moment', () => {
    assert.notEqual(signAdminJwt(token, now), signAdminJwt(token, now + 1000))
  })
})
