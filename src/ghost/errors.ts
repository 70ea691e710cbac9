/** Ghost answered with an error status; carries Ghost's own message. */
export class GhostApiError extends Error {
  constructor(
    /** e.g. "GET /db/" */
    readonly request: string,
    readonly status: number,
    /** Ghost's error type, e.g. `NoPermissionError`, `Needs2FAError`. */
    readonly type: string | undefined,
    /** Ghost's error code, e.g. `PASSWORD_INCORRECT`, `2FA_NEW_DEVICE_DETECTED`. */
    readonly code: string | undefined,
    /** Ghost's message (and context), as a user would see it in Ghost Admin. */
    readonly ghostMessage: string,
    /** How long a 429 asked the client to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(`${request} failed with HTTP ${status}${ghostMessage ? `: ${ghostMessage}` : ''}`)
    this.name = 'GhostApiError'
  }
}

/**
 * The server answered, but not with what Ghost sends: an HTML page from a proxy,
 * a truncated body, JSON of the wrong shape.
 */
export class UnexpectedResponseError extends Error {
  constructor(
    message: string,
    /** True when asking again may well work (a body cut short), false for a wrong answer. */
    readonly temporary = false,
  ) {
    super(message)
    this.name = 'UnexpectedResponseError'
  }
}

/**
 * Ghost (or something before it) redirected a request. Never followed: a redirect may
 * carry credentials to another host or turn a POST into a GET. The message names
 * the address Ghost Admin answers on, which is what the user should configure.
 */
export class RedirectError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly location: URL,
    from: URL,
  ) {
    const marker = location.pathname.indexOf('/ghost/api/admin/')
    const where = `${location.origin}${location.pathname}`
    const base = marker >= 0 ? `${location.origin}${location.pathname.slice(0, marker)}/` : undefined
    const input = location.hostname === from.hostname ? "'url' (or 'admin-url')" : "'admin-url'"
    const hint = base
      ? ` Ghost Admin is served from ${base}: set ${input} to ${base} so credentials go straight there.`
      : ' Redirects are not followed, so credentials never go to another address.'
    super(`${request} was redirected (HTTP ${status}) to ${where}.${hint}`)
    this.name = 'RedirectError'
  }
}

interface GhostErrorBody {
  errors?: { message?: string; context?: string | null; type?: string; code?: string | null }[]
}

/** Builds a GhostApiError from a response body, whatever shape it has. */
export function ghostApiError(request: string, status: number, body: string, retryAfterMs?: number): GhostApiError {
  let first: NonNullable<GhostErrorBody['errors']>[number] | undefined
  try {
    first = (JSON.parse(body) as GhostErrorBody).errors?.[0]
  } catch {
    first = undefined
  }
  // Ghost often repeats the message as the context; show each sentence once.
  const parts = [first?.message, first?.context].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  )
  const message = [...new Set(parts)].join(' ')
  return new GhostApiError(request, status, first?.type, first?.code ?? undefined, message, retryAfterMs)
}
