import { formatBytes } from '../util/format.js'
import type { RestoreReport } from './types.js'

/** The report as the command line prints it: what was sent, what became of each part, what cannot come back. */
export function formatRestoreReport(report: RestoreReport): string {
  const from = report.backup.ghostVersion ? ` (Ghost ${report.backup.ghostVersion}, ${report.backup.siteUrl})` : ''
  const state = report.dryRun ? 'dry run, nothing was sent' : report.ok ? 'done' : 'INCOMPLETE'
  const lines = [
    `Restore of ${report.backup.path}${from} into Ghost ${report.site.ghostVersion} at ${report.site.url}: ${state} (${seconds(report.ms)}).`,
    '',
    report.dryRun ? 'Requests that would be sent:' : 'Requests sent:',
  ]
  const width = Math.max(0, ...report.requests.map((request) => request.endpoint.length))
  for (const request of report.requests) {
    const size = request.size > 0 ? `  ${formatBytes(request.size)}` : ''
    lines.push(`  ${request.method.padEnd(6)} ${request.endpoint.padEnd(width)}  ${request.file}${size}`)
    for (const inner of request.contains ?? []) lines.push(`  ${' '.repeat(7 + width)}    ${inner}`)
  }
  if (report.requests.length === 0) lines.push('  none')
  lines.push('', 'Parts:')
  for (const part of report.parts) {
    lines.push(`  ${part.part.padEnd(9)} ${part.status.padEnd(10)} ${seconds(part.ms)}`)
    for (const detail of part.details) lines.push(`    - ${detail}`)
  }
  if (report.notRestored.length > 0) {
    lines.push('', 'What a restore cannot bring back:')
    for (const limit of report.notRestored) lines.push(`  - ${limit}`)
  }
  return `${lines.join('\n')}\n`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
