/**
 * A minimal Admin API client for the test harness: signs staff-token and
 * integration-key JWTs, logs in with a password, and sends requests with
 * either kind of credential.
 */
import { createHmac } from 'node:crypto'

/** The parts of a started site a request needs. */
export interface ApiTarget {
  apiRoot: string
  adminUrl: string
}

/** `id:secret`, as a staff access token or an integration's Admin API key. */
const KEY_PATTERN = /^([0-9a-f]{24}):([0-9a-f]{64})$/

export function isAdminKey(value: string): boolean {
  return KEY_PATTERN.test(value)
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

/**
 * Signs the short-lived JWT Ghost expects in `Authorization: Ghost <jwt>`:
 * HS256 with the hex-decoded secret, `kid` = key id, audience '/admin/',
 * and at most five minutes of validity.
 */
export function signAdminToken(key: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const match = KEY_PATTERN.exec(key)
  if (!match) throw new Error('admin key must look like <24 hex>:<64 hex>')
  const [, id, secret] = match as unknown as [string, string, string]
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: id }))
  const claims = base64url(JSON.stringify({ iat: nowSeconds, exp: nowSeconds + 300, aud: '/admin/' }))
  const signature = createHmac('sha256', Buffer.from(secret, 'hex')).update(`${header}.${claims}`).digest('base64url')
  return `${header}.${claims}.${signature}`
}

/** Origin (scheme://host:port) of the admin URL, without any subdirectory. */
export function adminOrigin(target: ApiTarget): string {
  return new URL(target.adminUrl).origin
}

export interface AdminResponse {
  status: number
  headers: Headers
  bytes: Buffer
  text(): string
  json<T = unknown>(): T
}

/**
 * A staff/integration key (`id:secret`), a session cookie header value
 * (`ghost-admin-api-session=...`), or null for an anonymous request.
 */
export type Credential = string | null

/**
 * Sends one Admin API request. `path` is relative to the API root, e.g.
 * 'db/' or 'posts/?source=html'. A FormData body goes out as multipart, any
 * other body as JSON. Redirects are returned, never followed, so credentials
 * never travel to another host.
 */
export async function adminRequest(
  target: ApiTarget,
  credential: Credential,
  method: string,
  path: string,
  body?: unknown,
): Promise<AdminResponse> {
  const headers: Record<string, string> = {}
  if (credential && isAdminKey(credential)) {
    headers.Authorization = `Ghost ${signAdminToken(credential)}`
  } else if (credential) {
    headers.Cookie = credential
    // Ghost ties a session to the origin seen at login; always send the same one.
    headers.Origin = adminOrigin(target)
  }
  let payload: FormData | string | undefined
  if (body instanceof FormData) {
    payload = body
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(new URL(path.replace(/^\//, ''), target.apiRoot), {
    method,
    headers,
    body: payload,
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  })
  const bytes = Buffer.from(await res.arrayBuffer())
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text: () => bytes.toString('utf8'),
    json: <T>() => JSON.parse(bytes.toString('utf8')) as T,
  }
}

/** Throws with the response body unless the status is one of `expected`. */
export function expectStatus(res: AdminResponse, expected: number | number[], what: string): AdminResponse {
  const allowed = Array.isArray(expected) ? expected : [expected]
  if (!allowed.includes(res.status)) {
    throw new Error(`${what}: expected HTTP ${allowed.join('/')} but got ${res.status}: ${res.text().slice(0, 1000)}`)
  }
  return res
}

export interface LoginResult {
  status: number
  /** `ghost-admin-api-session=...`, ready for a Cookie header; '' when none was set. */
  cookie: string
  response: AdminResponse
}

/**
 * Password login (POST /session/). Does not throw on 4xx, so callers can
 * check for device verification (403 Needs2FAError) themselves.
 */
export async function passwordLogin(target: ApiTarget, email: string, password: string): Promise<LoginResult> {
  const res = await fetch(new URL('session/', target.apiRoot), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: adminOrigin(target) },
    body: JSON.stringify({ username: email, password }),
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  })
  const bytes = Buffer.from(await res.arrayBuffer())
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('ghost-admin-api-session='))
  return {
    status: res.status,
    cookie: session ?? '',
    response: {
      status: res.status,
      headers: res.headers,
      bytes,
      text: () => bytes.toString('utf8'),
      json: <T>() => JSON.parse(bytes.toString('utf8')) as T,
    },
  }
}
