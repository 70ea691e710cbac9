import * as core from '@actions/core'
import type { JobResult } from '../job.js'
import { partTotals } from '../outputs.js'
import { formatBytes } from '../util/format.js'

/**
 * A table on the run's page: what was saved from which site, what changed since the last
 * backup, where it went, what is missing, and how long it took.
 */
export async function writeJobSummary(job: JobResult, durationMs: number): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { manifest, changes } = job.backup
  const totals = partTotals(manifest)
  const header = ['Part', 'Files', 'Size'].map((data) => ({ data, header: true }))
  const total = [
    '<b>Total</b>',
    String(manifest.files.length),
    formatBytes(totals.reduce((sum, t) => sum + t.bytes, 0)),
  ]
  const summary = core.summary
    .addHeading(`Ghost backup of ${escapeHtml(manifest.site.title || manifest.site.url)}`, 3)
    .addRaw(
      `<p>Ghost ${escapeHtml(manifest.site.ghostVersion)} at ${escapeHtml(manifest.site.url)}, backed up in ${(durationMs / 1000).toFixed(1)} s.</p>`,
      true,
    )
    .addTable([header, ...totals.map((t) => [t.part, String(t.files), formatBytes(t.bytes)]), total])
    .addRaw(
      `<p>${escapeHtml(
        Object.entries(manifest.counts)
          .map(([name, n]) => `${n} ${name}`)
          .join(', '),
      )}.</p>`,
      true,
    )
    .addRaw(
      `<p>Since the previous backup: ${changes.new} new, ${changes.changed} changed, ${changes.unchanged} unchanged, ${changes.removed} removed files; ${formatBytes(job.backup.downloadedBytes)} of images, media and files downloaded.</p>`,
      true,
    )
  const links: string[] = [`Folder: <code>${escapeHtml(job.backup.path)}</code>`]
  if (job.artifact)
    links.push(
      `Artifact: <a href="${escapeHtml(job.artifact.url)}">${escapeHtml(job.artifact.name)}</a> (${formatBytes(job.artifact.size)})`,
    )
  if (job.commit) {
    const what = job.commit.changed ? 'Commit' : 'Unchanged, still at commit'
    links.push(`${what}: <a href="${escapeHtml(job.commit.url)}">${job.commit.sha.slice(0, 7)}</a>`)
  }
  summary.addHeading('Delivered', 4).addList(links)
  const warnings = [
    manifest.missing.length > 0
      ? `${manifest.missing.length} referenced files are missing on the server (listed in manifest.json).`
      : '',
    manifest.external.length > 0
      ? `${manifest.external.length} files linked on other hosts are listed in manifest.json, not downloaded.`
      : '',
    manifest.unsafe.length > 0
      ? `${manifest.unsafe.length} references with paths leaving their folder were skipped.`
      : '',
  ].filter(Boolean)
  if (warnings.length > 0) summary.addHeading('Warnings', 4).addList(warnings.map(escapeHtml))
  await summary.write()
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}
