/** What `{host}`, `{date}` and `{run}` stand for in names, paths and messages. */
export interface PlaceholderValues {
  /** The site's host, e.g. `example.com` (with a port when it has one). */
  host: string
  /** The day of the backup, `YYYY-MM-DD` (UTC). */
  date: string
  /** The workflow run's id, or `local` outside a runner. */
  run: string
}

export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(/\{(host|date|run)\}/g, (_match, key: keyof PlaceholderValues) => values[key])
}

export function placeholderValues(siteUrl: URL, now: Date, runId: string): PlaceholderValues {
  return { host: siteUrl.host, date: now.toISOString().slice(0, 10), run: runId || 'local' }
}
