/**
 * The one line a failed run ends with. Errors raised by this tool already explain
 * themselves; anything else (a bug, a system error) keeps its name so it can be reported.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const known = ['InputError', 'LoginError', 'GhostApiError', 'UnexpectedResponseError', 'RedirectError', 'Error']
  return known.includes(error.name) ? error.message : `${error.name}: ${error.message}`
}
