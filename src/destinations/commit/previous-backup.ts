import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream } from 'node:stream/web'
import { createGunzip } from 'node:zlib'
import type { getOctokit } from '@actions/github'
import { isPlainSegment } from '../../backup/layout.js'
import { readTar } from '../../util/tar.js'

export interface BackupLocation {
  owner: string
  repo: string
  branch: string
  /** Folder inside the branch that holds the backup, '' for the branch's root. */
  commitPath: string
}

/** A failure to fetch or unpack the previous backup; `status` is GitHub's answer, when there was one. */
export class PreviousBackupError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'PreviousBackupError'
  }
}

/**
 * Unpacks the backup that `commitPath` of the branch holds into `folder` (which should be
 * new and empty), from one tarball of the branch's head: one request, however many files.
 * Returns that head, or undefined when the branch does not exist yet.
 */
export async function downloadPreviousBackup(
  octokit: ReturnType<typeof getOctokit>,
  target: BackupLocation,
  folder: string,
): Promise<{ commitSha: string } | undefined> {
  const where = `'${target.commitPath || '/'}' in ${target.owner}/${target.repo}@${target.branch}`
  const prefix = pathSegments(target.commitPath)
  const commitSha = await branchHead(octokit, target, where)
  if (!commitSha) return undefined
  // The tarball is asked for by commit, not branch name, so its files are exactly `commitSha`'s
  // even when the branch moves meanwhile.
  let archive: Readable
  try {
    const response = await octokit.rest.repos.downloadTarballArchive({
      owner: target.owner,
      repo: target.repo,
      ref: commitSha,
      // The body as a stream: Octokit would otherwise hold the whole archive in memory.
      request: { parseSuccessResponseBody: false },
    })
    archive = Readable.fromWeb(response.data as ReadableStream<Uint8Array>)
  } catch (error) {
    throw failure(`Could not download ${where}`, error)
  }
  const gunzip = createGunzip()
  archive.on('error', (error) => gunzip.destroy(error))
  archive.pipe(gunzip)
  try {
    await unpack(gunzip, prefix, path.resolve(folder))
  } catch (error) {
    throw failure(`Could not unpack ${where}`, error)
  } finally {
    archive.destroy()
  }
  return { commitSha }
}

async function branchHead(
  octokit: ReturnType<typeof getOctokit>,
  { owner, repo, branch }: BackupLocation,
  where: string,
): Promise<string | undefined> {
  try {
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })
    return ref.data.object.sha
  } catch (error) {
    const status = (error as { status?: number }).status
    // 409: GitHub's answer for a repository without any commit, so without the branch too.
    if (status === 404 || status === 409) return undefined
    throw failure(`Could not look up ${where}`, error)
  }
}

/**
 * Writes the files under `<top folder>/<prefix>/` into `root`. GitHub's tarballs hold
 * everything under one folder named after the repository and commit.
 */
async function unpack(tar: Readable, prefix: string[], root: string): Promise<void> {
  let top: string | undefined
  await readTar(tar, async (entry) => {
    const segments = entry.path.split('/')
    // Git never stores these, so an archive that has them is not GitHub's: stop reading it.
    if (segments[0] === '' || segments.includes('..')) {
      throw new Error(`The archive holds an unsafe path '${entry.path}'.`)
    }
    top ??= segments[0]
    if (segments[0] !== top) throw new Error(`'${entry.path}' is outside the archive's folder '${top}'.`)
    const inside = segments.slice(1)
    if (!prefix.every((segment, i) => inside[i] === segment)) return
    const relative = inside.slice(prefix.length)
    if (relative.length === 0) return
    const file = safeTarget(root, relative, entry.path)
    if (entry.type === 'directory') {
      await mkdir(file, { recursive: true })
    } else if (entry.type === 'file') {
      await mkdir(path.dirname(file), { recursive: true })
      await pipeline(entry.body, createWriteStream(file))
    }
    // Links and other special entries are never part of a backup: left out.
  })
}

/** The file for an archive path below `root`, refusing anything that could land elsewhere. */
function safeTarget(root: string, relative: string[], archived: string): string {
  const unsafe = !relative.every(isPlainSegment)
  const file = path.resolve(root, ...relative)
  const fromRoot = path.relative(root, file)
  if (unsafe || !fromRoot || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    throw new Error(`The archive holds an unsafe path '${archived}'.`)
  }
  return file
}

function pathSegments(commitPath: string): string[] {
  const segments = commitPath.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\\'))) {
    throw new PreviousBackupError(
      `Invalid commit path '${commitPath}': use a folder inside the branch, like backups/site.`,
    )
  }
  return segments
}

function failure(what: string, error: unknown): PreviousBackupError {
  const status = (error as { status?: number }).status
  const reason = error instanceof Error ? error.message : String(error)
  // GitHub's download links for private repositories carry a token in the query: never repeat one.
  const safe = reason.replace(/([?&](?:token|access_token)=)[^&\s"']+/gi, '$1***')
  return new PreviousBackupError(`${what}: ${status ? `HTTP ${status}, ` : ''}${safe}`, status)
}
