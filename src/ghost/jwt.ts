import { createHmac } from 'node:crypto'
import type { StaffToken } from '../settings/settings.js'

/** Ghost refuses a token whose `iat` is more than 5 minutes old, so each request gets a new one. */
const LIFETIME_SECONDS = 5 * 60

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url')

/**
 * Signs the short-lived JWT Ghost's Admin API expects for a staff token or Admin API key:
 * HS256 keyed by the hex-decoded secret, `kid` the key id, audience `/admin/`.
 */
export function signAdminJwt(token: StaffToken, nowMs: number = Date.now()): string {
  const iat = Math.floor(nowMs / 1000)
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: token.id }))
  const payload = base64url(JSON.stringify({ iat, exp: iat + LIFETIME_SECONDS, aud: '/admin/' }))
  const signature = createHmac('sha256', Buffer.from(token.secret, 'hex')).update(`${header}.${payload}`).digest()
  return `${header}.${payload}.${base64url(signature)}`
}
