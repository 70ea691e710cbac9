import type { GhostApiError } from './errors.js'

const USE_A_TOKEN =
  "Unattended backups need a staff access token instead: in Ghost Admin open Settings > Staff, choose the Owner or an Administrator, copy 'Staff access token', store it as a repository secret and pass it as 'staff-token'."

const NOT_RETRIED = 'The login was tried once and not retried: Ghost locks a user after 4 failed logins.'

/** A password login Ghost refused, explained for the person reading the failed run. */
export class LoginError extends Error {
  constructor(
    message: string,
    /** Ghost's error type, when Ghost gave one. */
    readonly ghostType?: string,
  ) {
    super(message)
    this.name = 'LoginError'
  }

  static from(error: GhostApiError, username: string): LoginError {
    const said = error.ghostMessage ? ` Ghost says: "${error.ghostMessage}"` : ''
    const explain = (text: string) => new LoginError(text, error.type)
    if (error.type === 'Needs2FAError') {
      return explain(
        `Ghost asks for an emailed sign-in code to log in as ${username} (staff device verification, code ${error.code ?? 'none'}), which an unattended backup cannot read. ${USE_A_TOKEN} Self-hosted sites can also turn the check off with security__staffDeviceVerification=false.`,
      )
    }
    switch (error.status) {
      case 404:
        return explain(`Login failed: Ghost has no staff user with the email in 'username'.${said} ${NOT_RETRIED}`)
      case 422:
        return explain(`Login failed for ${username}: the 'password' is wrong.${said} ${NOT_RETRIED}`)
      case 429:
        return explain(
          `Ghost refused the login for ${username}: too many login attempts from this address.${said} Wait before the next run, or switch to 'staff-token', which is not rate limited this way.`,
        )
      case 401:
        return explain(
          `Ghost has locked ${username} until the password is reset.${said} Reset it from Ghost Admin's sign-in page.`,
        )
      case 403:
        return explain(`Ghost refused the login for ${username}.${said} The user may be suspended.`)
      default:
        return explain(`Login failed for ${username} with HTTP ${error.status}.${said} ${NOT_RETRIED}`)
    }
  }
}

/** A 401 on an authenticated request: the token is unknown or revoked, or the session ended. */
export function credentialRejected(method: 'staff-token' | 'password', error: GhostApiError): LoginError {
  const said = error.ghostMessage ? ` (Ghost says: "${error.ghostMessage}")` : ''
  if (method === 'staff-token') {
    return new LoginError(
      `Ghost rejected 'staff-token'${said}. Copy the token again from Ghost Admin > Settings > Staff > your profile > 'Staff access token' (regenerating it there makes the old one stop working), and check 'url' is the site the token belongs to.`,
      error.type,
    )
  }
  return new LoginError(`Ghost ended the session during the backup${said}. Run the backup again.`, error.type)
}
