/** Reading what a Ghost server printed. */

export interface LoggedRequest {
  method: string
  /** Path and query as requested, e.g. '/content/images/2025/01/a.png'. */
  path: string
  status: number
}

/** Ghost colours its log for terminals; the codes get in the way of reading it. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '')
}

/**
 * Picks the request lines out of Ghost's log. At level info Ghost prints
 * one line per request, e.g. `"GET /content/images/a.png" 200 3ms`.
 */
export function parseRequestLog(text: string): LoggedRequest[] {
  const found: LoggedRequest[] = []
  for (const match of stripAnsi(text).matchAll(/"([A-Z]+) ([^"\s]+)" (\d{3}) \d+ms/g)) {
    found.push({ method: match[1] ?? '', path: match[2] ?? '', status: Number(match[3]) })
  }
  return found
}

/** The last lines of a log, without colour codes, for error messages. */
export function logTail(text: string, lines = 40): string {
  return stripAnsi(text).split('\n').slice(-lines).join('\n')
}
