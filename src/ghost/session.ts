import { readBody } from './body.js'
import type { AuthContext } from './auth.js'
import { ghostApiError, RedirectError } from './errors.js'
import { LoginError } from './login-error.js'

const SESSION_COOKIE = 'ghost-admin-api-session'

/**
 * Opens a Ghost Admin session and returns the cookie to send back. Exactly one attempt:
 * Ghost locks an account after four failed logins, so nothing here retries.
 */
export async function loginWithPassword(
  context: AuthContext,
  origin: string,
  username: string,
  password: string,
): Promise<string> {
  const url = new URL('session/', context.apiRoot)
  const response = await context.transport.request(
    'POST',
    url,
    { 'Content-Type': 'application/json', Accept: 'application/json', Origin: origin },
    JSON.stringify({ username, password }),
  )
  const body = await readBody('POST /session/', response)
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(String(response.headers.location ?? ''), url)
    throw new RedirectError('POST /session/', response.status, location, url)
  }
  if (response.status !== 200 && response.status !== 201) {
    throw LoginError.from(ghostApiError('POST /session/', response.status, body.toString('utf8')), username)
  }
  const cookie = sessionCookie(response.headers['set-cookie'])
  if (!cookie) {
    throw new LoginError(
      `Ghost accepted the login for ${username} but set no session cookie. Check that 'url' (or 'admin-url') is the address Ghost Admin is served from, including https://.`,
    )
  }
  context.logger.setSecret(cookie)
  context.logger.setSecret(cookie.slice(SESSION_COOKIE.length + 1))
  return cookie
}

function sessionCookie(setCookie: string[] | undefined): string | undefined {
  const line = setCookie?.find((value) => value.startsWith(`${SESSION_COOKIE}=`))
  return line?.split(';')[0]
}

/** Ends the session so the cookie is worthless even if it leaked; failures only warn. */
export async function logoutSession(context: AuthContext, origin: string, cookie: string): Promise<void> {
  try {
    const response = await context.transport.request('DELETE', new URL('session/', context.apiRoot), {
      Cookie: cookie,
      Origin: origin,
    })
    response.body.resume()
    if (response.status >= 400) context.logger.debug(`Logging out of Ghost returned HTTP ${response.status}.`)
  } catch (error) {
    context.logger.debug(`Logging out of Ghost failed: ${(error as Error).message}`)
  }
}
