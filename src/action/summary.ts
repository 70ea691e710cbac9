import * as core from '@actions/core'
import { partTotals } from '../backup/outputs.js'
import type { BackupResult } from '../backup/run-backup.js'
import { formatBytes } from '../util/format.js'

/** A table on the run's page: what was saved, from which site, what is missing, in how long. */
export async function writeJobSummary(result: BackupResult, durationMs: number): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { manifest } = result
  const totals = partTotals(manifest)
  const rows = [
    [
      { data: 'Part', header: true },
      { data: 'Files', header: true },
      { data: 'Size', header: true },
    ],
    ...totals.map((total) => [total.part, String(total.files), formatBytes(total.bytes)]),
    ['<b>Total</b>', String(manifest.files.length), formatBytes(totals.reduce((sum, total) => sum + total.bytes, 0))],
  ]
  const counts = Object.entries(manifest.counts)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ')
  const summary = core.summary
    .addHeading(`Ghost backup of ${escapeHtml(manifest.site.title || manifest.site.url)}`, 3)
    .addRaw(
      `Ghost ${escapeHtml(manifest.site.ghostVersion)} at ${escapeHtml(manifest.site.url)}, saved to <code>${escapeHtml(result.path)}</code> in ${(durationMs / 1000).toFixed(1)} s.`,
      true,
    )
    .addTable(rows)
    .addRaw(`<p>${escapeHtml(counts)}</p>`, true)
  const warnings = [
    manifest.missing.length > 0
      ? `${manifest.missing.length} referenced files are missing on the server (listed in manifest.json).`
      : '',
    manifest.external.length > 0
      ? `${manifest.external.length} files linked on other hosts are listed in manifest.json, not downloaded.`
      : '',
  ].filter(Boolean)
  if (warnings.length > 0) summary.addHeading('Warnings', 4).addList(warnings.map(escapeHtml))
  await summary.write()
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}
