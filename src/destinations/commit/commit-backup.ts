import { readFile, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { FINGERPRINT_FILE, MANIFEST_FILE } from '../../backup/layout.js'
import { type Manifest, sameManifestApartFromTimes } from '../../backup/manifest.js'
import type { GitHub } from '../../github/octokit.js'
import type { Logger } from '../../util/logger.js'
import { forEachLimited } from '../../util/limit.js'
import { listFiles } from '../../util/walk.js'
import { gitBlobSha } from './git-blob.js'
import { type BranchHead, type CommitTarget, readFolderBlobs, readHead } from './tree.js'

/** GitHub refuses blobs over this size through the API. */
const MAX_BLOB_BYTES = 40 * 1024 * 1024
/** How often the commit is rebuilt on a branch that moved (another backup landed first). */
const MAX_ATTEMPTS = 5
const BLOB_UPLOADS_AT_ONCE = 4

export interface CommitOptions extends CommitTarget {
  message: string
  /** The backup on the branch before this run, to see whether only its times differ. */
  previousManifest?: Manifest
}

export interface CommitResult {
  /** The new commit, or the branch head when nothing changed. */
  sha: string
  url: string
  changed: boolean
  /** Files sent to GitHub (changed or new) and removed from the branch. */
  uploaded: number
  removed: number
}

interface TreeChange {
  path: string
  mode: '100644'
  type: 'blob'
  sha: string | null
}

/**
 * Commits the backup folder into `commitPath` of the branch as one commit, through the Git
 * Data API: only blobs that differ from the branch are uploaded, files gone from the site
 * are removed, and a branch that moved meanwhile gets the commit rebuilt on its new head
 * (never forced). Nothing is committed when only the manifest's times changed.
 */
export async function commitBackup(
  github: GitHub,
  folder: string,
  options: CommitOptions,
  serverUrl: string,
  logger: Logger,
): Promise<CommitResult> {
  const local = await localBlobs(folder)
  const uploaded = new Map<string, string>()
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(github, options)
    const remote = head ? await readFolderBlobs(github, options, head.treeSha) : new Map<string, string>()
    const changes = await treeChanges(github, options, folder, local, remote, uploaded)
    const url = (sha: string) => `${serverUrl}/${options.owner}/${options.repo}/commit/${sha}`
    if (changes.length === 0 && head) {
      logger.info(
        `Nothing changed since the backup in ${options.branch} (${head.commitSha.slice(0, 7)}); no commit made.`,
      )
      return { sha: head.commitSha, url: url(head.commitSha), changed: false, uploaded: 0, removed: 0 }
    }
    const sha = await writeCommit(github, options, head, changes)
    if (await moveBranch(github, options, head, sha)) {
      const removed = changes.filter((change) => change.sha === null).length
      logger.info(
        `Committed ${changes.length - removed} changed and ${removed} removed files to ${options.branch}: ${url(sha)}`,
      )
      return { sha, url: url(sha), changed: true, uploaded: changes.length - removed, removed }
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(
        `Branch '${options.branch}' kept moving while the backup was committed (${attempt} tries). Nothing was forced; run again.`,
      )
    }
    logger.info(`Branch '${options.branch}' moved during the commit; building it again on the new head.`)
  }
}

/** Git blob ids of the local files, refusing any GitHub cannot store. */
async function localBlobs(folder: string): Promise<Map<string, string>> {
  const blobs = new Map<string, string>()
  for (const relative of await listFiles(folder)) {
    const file = path.join(folder, relative)
    const { size } = await stat(file)
    if (size > MAX_BLOB_BYTES) {
      throw new Error(
        `'${relative}' is ${(size / 1048576).toFixed(1)} MiB, over the 40 MiB GitHub accepts for a file in a commit. Leave it out with 'exclude' (e.g. exclude: media), or use 'destination: artifact'.`,
      )
    }
    blobs.set(relative, await gitBlobSha(file))
  }
  return blobs
}

async function treeChanges(
  github: GitHub,
  options: CommitOptions,
  folder: string,
  local: Map<string, string>,
  remote: Map<string, string>,
  uploaded: Map<string, string>,
): Promise<TreeChange[]> {
  const inBranch = (relative: string) => (options.commitPath ? `${options.commitPath}/${relative}` : relative)
  const differing = [...local].filter(([relative, sha]) => remote.get(relative) !== sha).map(([relative]) => relative)
  // An encrypted backup differs byte for byte every time; its fingerprint says whether the site did.
  if (local.has(FINGERPRINT_FILE) && local.get(FINGERPRINT_FILE) === remote.get(FINGERPRINT_FILE)) differing.length = 0
  if (differing.length === 1 && differing[0] === MANIFEST_FILE && remote.has(MANIFEST_FILE)) {
    const current = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as Manifest
    if (options.previousManifest && sameManifestApartFromTimes(current, options.previousManifest)) differing.length = 0
  }
  await forEachLimited(differing, BLOB_UPLOADS_AT_ONCE, async (relative) => {
    if (uploaded.has(relative)) return
    const content = (await readFile(path.join(folder, relative))).toString('base64')
    const blob = await github.rest.git.createBlob({
      owner: options.owner,
      repo: options.repo,
      content,
      encoding: 'base64',
    })
    uploaded.set(relative, blob.data.sha)
  })
  const changes: TreeChange[] = differing.map((relative) => ({
    path: inBranch(relative),
    mode: '100644',
    type: 'blob',
    sha: uploaded.get(relative)!,
  }))
  for (const relative of remote.keys()) {
    if (!local.has(relative)) changes.push({ path: inBranch(relative), mode: '100644', type: 'blob', sha: null })
  }
  return changes
}

async function writeCommit(
  github: GitHub,
  options: CommitOptions,
  head: BranchHead | undefined,
  changes: TreeChange[],
): Promise<string> {
  const { owner, repo } = options
  const tree = await github.rest.git.createTree({ owner, repo, base_tree: head?.treeSha, tree: changes })
  // No author or committer: GitHub then signs the commit, and shows it as verified.
  const commit = await github.rest.git.createCommit({
    owner,
    repo,
    message: options.message,
    tree: tree.data.sha,
    parents: head ? [head.commitSha] : [],
  })
  return commit.data.sha
}

/** Points the branch at the commit; false when it moved meanwhile (never forced). */
async function moveBranch(
  github: GitHub,
  options: CommitOptions,
  head: BranchHead | undefined,
  sha: string,
): Promise<boolean> {
  const { owner, repo, branch } = options
  try {
    if (head) await github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false })
    else await github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha })
    return true
  } catch (error) {
    if ((error as { status?: number }).status === 422) return false
    throw error
  }
}
