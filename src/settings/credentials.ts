import { InputError, invalidInput } from './input-error.js'
import type { Credentials, StaffToken } from './settings.js'

const TOKEN_FORM =
  "the form <24 hex characters>:<64 hex characters>, copied from Ghost Admin > your profile > 'Staff access token'"

/** Checks a token's shape before any request; the message never repeats the token. */
export function parseStaffToken(raw: string): StaffToken {
  const [id, secret, ...rest] = raw.trim().split(':')
  const hex = (s: string | undefined, length: number): boolean =>
    s !== undefined && s.length === length && /^[0-9a-f]+$/i.test(s)
  if (rest.length > 0 || !hex(id, 24) || !hex(secret, 64)) {
    throw invalidInput('staff-token', undefined, TOKEN_FORM)
  }
  return { id: id!.toLowerCase(), secret: secret!.toLowerCase() }
}

export function parseCredentials(staffToken: string, username: string, password: string): Credentials {
  const token = staffToken.trim()
  const user = username.trim()
  if (token && (user || password)) {
    throw new InputError(
      "Set either 'staff-token' or 'username' and 'password', not both. A staff token is the recommended way.",
    )
  }
  if (token) return { kind: 'staff-token', token: parseStaffToken(token) }
  if (!user && !password) {
    throw new InputError(
      "No credentials: set 'staff-token' (recommended: the Owner's or an Administrator's staff access token) or 'username' and 'password'.",
    )
  }
  if (!user) throw new InputError("'password' is set but 'username' is empty. Expected the staff user's email address.")
  if (!password) throw new InputError("'username' is set but 'password' is empty.")
  if (!user.includes('@')) {
    throw invalidInput('username', user, "the staff user's email address")
  }
  return { kind: 'password', username: user, password }
}
