import { InputError, invalidInput } from './input-error.js'

export type DestinationName = 'artifact' | 'commit'

/** Upload the backup folder as a workflow artifact. */
export interface ArtifactSettings {
  /** Name with `{host}`, `{date}`, `{run}` still in it. */
  nameTemplate: string
  /** Undefined: the repository's own retention setting. */
  retentionDays?: number
  compressionLevel: number
  /** Replace an artifact of the same name from this run. */
  overwrite: boolean
}

/** Commit the backup into a branch through GitHub's Git Data API. */
export interface CommitSettings {
  token: string
  owner: string
  repo: string
  branch: string
  /** Folder in the branch, with placeholders. */
  pathTemplate: string
  messageTemplate: string
}

export interface DestinationSettings {
  artifact?: ArtifactSettings
  commit?: CommitSettings
}

/** `artifact`, `commit`, `artifact,commit` or `none`. */
export function parseDestinations(raw: string): Set<DestinationName> {
  const names = raw
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const expected = "artifact, commit, both ('artifact,commit') or none"
  const unknown = names.filter((name) => !['artifact', 'commit', 'none'].includes(name))
  if (names.length === 0 || unknown.length > 0) throw invalidInput('destination', raw, expected)
  if (names.includes('none')) {
    if (names.length > 1) throw invalidInput('destination', raw, `${expected}; 'none' goes alone`)
    return new Set()
  }
  return new Set(names as DestinationName[])
}

/**
 * Git's own rules for a branch name (git check-ref-format), checked before any request
 * so a bad name fails with a message instead of GitHub's 422.
 */
export function parseBranch(raw: string): string {
  const branch = raw.trim().replace(/^refs\/heads\//, '')
  const bad =
    branch === '' ||
    branch === '@' ||
    // eslint-disable-next-line no-control-regex -- git refuses control characters in names
    /[\x00-\x20\x7f~^:?*[\\]/.test(branch) ||
    branch.includes('..') ||
    branch.includes('@{') ||
    branch.includes('//') ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.') ||
    branch.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))
  if (bad) {
    throw invalidInput(
      'branch',
      raw,
      'a branch name git accepts, such as ghost-backup (no spaces, no ~^:?*[\\, no "..", not starting or ending with / or .)',
    )
  }
  return branch
}

/** `owner/name`. */
export function parseRepository(raw: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(raw.trim())
  if (!match || match[2] === '.' || match[2] === '..') {
    throw invalidInput('repository', raw, 'owner/name, such as octo-org/blog-backups')
  }
  return { owner: match[1]!, repo: match[2]! }
}

/** A folder inside the branch: relative, no `..`; '' or '.' is the branch's root. */
export function parseCommitPath(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '')
  const value = trimmed === '.' ? '' : trimmed.replace(/^\.\//, '')
  const parts = value.split('/')
  if (value.startsWith('/') || (value !== '' && parts.some((part) => part === '' || part === '.' || part === '..'))) {
    throw invalidInput('commit-path', raw, "a folder inside the branch, such as 'example.com' or 'backups/blog'")
  }
  return value
}

export function requireToken(token: string): string {
  if (!token.trim()) {
    throw new InputError(
      "The commit destination needs 'github-token' (by default the workflow's GITHUB_TOKEN, with 'permissions: contents: write').",
    )
  }
  return token.trim()
}
