import * as core from '@actions/core'
import type { BackupResult } from '../backup/run-backup.js'

/** A table on the run's page: what was saved, from which site, in how long. */
export async function writeJobSummary(result: BackupResult, durationMs: number): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { manifest } = result
  const rows = [
    [
      { data: 'Part', header: true },
      { data: 'Count', header: true },
      { data: 'Size', header: true },
    ],
    ...manifest.files.map((file) => [file.path, '', formatBytes(file.size)]),
    ...Object.entries(manifest.counts).map(([name, count]) => [name, String(count), '']),
  ]
  await core.summary
    .addHeading(`Ghost backup of ${escapeHtml(manifest.site.title || manifest.site.url)}`, 3)
    .addRaw(
      `Ghost ${escapeHtml(manifest.site.ghostVersion)} at ${escapeHtml(manifest.site.url)}, saved to <code>${escapeHtml(result.path)}</code> in ${(durationMs / 1000).toFixed(1)} s.`,
      true,
    )
    .addTable(rows)
    .write()
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}
