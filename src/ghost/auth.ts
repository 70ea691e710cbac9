import type { OutgoingHttpHeaders } from 'node:http'
import type { Credentials, StaffToken } from '../settings/settings.js'
import type { Logger } from '../util/logger.js'
import type { HttpTransport } from './http.js'
import { signAdminJwt } from './jwt.js'
import { loginWithPassword, logoutSession } from './session.js'

/** How each authenticated request proves who it is; `close()` ends whatever `open()` started. */
export interface Authenticator {
  readonly method: Credentials['kind']
  open(): Promise<void>
  headers(): OutgoingHttpHeaders
  close(): Promise<void>
}

export interface AuthContext {
  apiRoot: URL
  transport: HttpTransport
  logger: Logger
}

export function createAuthenticator(credentials: Credentials, context: AuthContext): Authenticator {
  return credentials.kind === 'staff-token'
    ? tokenAuthenticator(credentials.token, context.logger)
    : sessionAuthenticator(credentials.username, credentials.password, context)
}

function tokenAuthenticator(token: StaffToken, logger: Logger): Authenticator {
  // Requests within the same second sign the same JWT; mask each one once.
  let lastMasked = ''
  return {
    method: 'staff-token',
    async open() {},
    headers() {
      const jwt = signAdminJwt(token)
      if (jwt !== lastMasked) logger.setSecret(jwt)
      lastMasked = jwt
      return { Authorization: `Ghost ${jwt}` }
    },
    async close() {},
  }
}

function sessionAuthenticator(username: string, password: string, context: AuthContext): Authenticator {
  // Ghost binds the session to the Origin seen at login; every later request repeats it.
  const origin = context.apiRoot.origin
  let cookie: string | undefined
  return {
    method: 'password',
    async open() {
      cookie = await loginWithPassword(context, origin, username, password)
    },
    headers() {
      if (!cookie) throw new Error('The Ghost session is not open.')
      return { Cookie: cookie, Origin: origin }
    },
    async close() {
      if (!cookie) return
      const current = cookie
      cookie = undefined
      await logoutSession(context, origin, current)
    },
  }
}
