/**
 * The error answers the stand-in Ghost gives, recorded from real Ghost 5.130.6 and
 * 6.65.0 (identical on both but for each error's random id). A real-Ghost test
 * (e2e/real-answers) provokes each one again and fails if Ghost's answer drifts.
 * The last two cannot be provoked cheaply (a lock-out, an imported user); they are
 * taken from Ghost 6.65.0's source: spam-prevention.js and @tryghost/errors.
 */
export interface GhostAnswer {
  status: number
  message: string
  context: string | null
  type: string
  code: string | null
  help: string | null
}

export const GHOST_ANSWERS = {
  /** Password login on a new device with staff device verification on. */
  needs2fa: {
    status: 403,
    message: 'User must verify session to login.',
    context: 'A 6-digit sign-in verification code has been sent to your email to keep your account safe.',
    type: 'Needs2FAError',
    code: '2FA_NEW_DEVICE_DETECTED',
    help: null,
  },
  wrongPassword: {
    status: 422,
    message: 'Your password is incorrect.',
    context: 'Your password is incorrect.',
    type: 'ValidationError',
    code: 'PASSWORD_INCORRECT',
    help: 'Visit and save your profile after logging in to check for problems.',
  },
  unknownUser: {
    status: 404,
    message: 'There is no user with that email address.',
    context: null,
    type: 'NotFoundError',
    code: null,
    help: null,
  },
  /** `GET /db/` with an Editor's token or an integration's key. */
  exportDenied: {
    status: 403,
    message: 'You do not have permission to exportContent db',
    context: null,
    type: 'NoPermissionError',
    code: null,
    help: null,
  },
  /** `GET /users/me/` with an integration's key. */
  integrationHasNoUser: {
    status: 404,
    message: 'Resource not found error, cannot read user.',
    context: 'User not found.',
    type: 'NotFoundError',
    code: null,
    help: null,
  },
  /** Any request signed with a key the site does not know. */
  unknownKey: {
    status: 401,
    message: 'Unknown Admin API Key',
    context: null,
    type: 'UnauthorizedError',
    code: 'UNKNOWN_ADMIN_API_KEY',
    help: null,
  },
  /** The fifth failed login from one address within the hour. */
  tooManyLogins: {
    status: 429,
    message: 'Too many login attempts. Please wait 10 minutes before trying again, or reset your password.',
    context: 'Too many login attempts.',
    type: 'TooManyRequestsError',
    code: null,
    help: 'Too many login attempts.',
  },
  /** A user imported from a backup, whose password Ghost replaced. */
  passwordResetRequired: {
    status: 401,
    message: 'For security, you need to create a new password. An email has been sent to you with instructions!',
    context: null,
    type: 'PasswordResetRequiredError',
    code: null,
    help: null,
  },
} satisfies Record<string, GhostAnswer>

/** The JSON body Ghost sends for an answer. */
export function answerBody(answer: GhostAnswer) {
  const { message, context, type, code, help } = answer
  return {
    errors: [
      {
        message,
        context,
        type,
        details: null,
        property: null,
        help,
        code,
        id: '64adb910-f02c-11f1-8d1c-1b7decbb89bd',
        ghostErrorCode: null,
      },
    ],
  }
}
