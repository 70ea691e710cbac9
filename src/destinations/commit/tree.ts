import type { GitHub } from '../../github/octokit.js'

export interface BranchHead {
  commitSha: string
  treeSha: string
}

export interface CommitTarget {
  owner: string
  repo: string
  branch: string
  /** Folder inside the branch, '' for its root. */
  commitPath: string
}

/** The branch's head commit and tree, or undefined when the branch does not exist yet. */
export async function readHead(github: GitHub, target: CommitTarget): Promise<BranchHead | undefined> {
  const { owner, repo, branch } = target
  try {
    const ref = await github.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })
    const commit = await github.rest.git.getCommit({ owner, repo, commit_sha: ref.data.object.sha })
    return { commitSha: commit.data.sha, treeSha: commit.data.tree.sha }
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 404) return undefined
    if (status === 409) {
      throw new Error(
        `Repository ${owner}/${repo} is empty, and GitHub's API cannot write into a repository without commits. Add a first commit (a README will do), then run again.`,
      )
    }
    throw error
  }
}

/**
 * Blob ids of the files under `commitPath` in a tree, by path relative to it. Reads the
 * folder's own subtree, so other sites' backups in the same branch cost nothing.
 */
export async function readFolderBlobs(
  github: GitHub,
  target: CommitTarget,
  treeSha: string,
): Promise<Map<string, string>> {
  const { owner, repo, commitPath } = target
  let folderTree: string | undefined = treeSha
  for (const segment of commitPath ? commitPath.split('/') : []) {
    const level: { path?: string; type?: string; sha?: string }[] = (
      await github.rest.git.getTree({ owner, repo, tree_sha: folderTree })
    ).data.tree
    folderTree = level.find((entry) => entry.path === segment && entry.type === 'tree')?.sha
    if (!folderTree) return new Map()
  }
  const tree = await github.rest.git.getTree({ owner, repo, tree_sha: folderTree, recursive: 'true' })
  if (tree.data.truncated) {
    throw new Error(
      `GitHub truncated the listing of '${commitPath || '/'}' in branch '${target.branch}': it holds too many files to compare. Use a new 'branch' or 'commit-path'.`,
    )
  }
  const blobs = new Map<string, string>()
  for (const entry of tree.data.tree)
    if (entry.type === 'blob' && entry.path && entry.sha) blobs.set(entry.path, entry.sha)
  return blobs
}
