import type { Manifest } from './backup/manifest.js'
import type { JobResult } from './job.js'

/** A part's files in the backup: `content`, `members`, `settings`, `themes`, `images`, ... */
export interface PartTotals {
  part: string
  files: number
  bytes: number
}

function partOf(path: string): string {
  if (path.startsWith('data/content')) return 'content'
  if (path.startsWith('data/members')) return 'members'
  return path.split('/')[0]!
}

/** Files and bytes per part, in the order the parts first appear. */
export function partTotals(manifest: Manifest): PartTotals[] {
  const totals = new Map<string, PartTotals>()
  for (const file of manifest.files) {
    const part = partOf(file.path)
    const entry = totals.get(part) ?? { part, files: 0, bytes: 0 }
    entry.files++
    entry.bytes += file.size
    totals.set(part, entry)
  }
  return [...totals.values()]
}

/** The step outputs (and the CLI's closing lines), gathered in one place. */
export function jobOutputs(job: JobResult): Record<string, string> {
  const { manifest } = job.backup
  const count = (name: string) => String(manifest.counts[name] ?? 0)
  const outputs: Record<string, string> = {
    path: job.backup.path,
    'ghost-version': manifest.site.ghostVersion,
    'site-title': manifest.site.title,
    posts: count('posts'),
    pages: count('pages'),
    members: count('members'),
    themes: count('themes'),
    images: count('images'),
    media: count('media'),
    files: count('files'),
    'missing-files': String(manifest.missing.length),
    size: String(manifest.files.reduce((sum, file) => sum + file.size, 0)),
  }
  if (job.artifact) {
    outputs['artifact-id'] = String(job.artifact.id)
    outputs['artifact-url'] = job.artifact.url
    outputs['artifact-digest'] = job.artifact.digest
  }
  if (job.commit) {
    outputs['commit-sha'] = job.commit.sha
    outputs['commit-url'] = job.commit.url
    outputs.changed = String(job.commit.changed)
  }
  return outputs
}
