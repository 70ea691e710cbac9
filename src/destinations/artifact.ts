import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { ArtifactNotFoundError, DefaultArtifactClient } from '@actions/artifact'
import type { RunnerContext } from '../github/runner-context.js'
import { InputError } from '../settings/input-error.js'
import { formatBytes } from '../util/format.js'
import type { Logger } from '../util/logger.js'
import { listFiles } from '../util/walk.js'

export interface ArtifactOptions {
  /** The final name, placeholders filled (see artifactName). */
  name: string
  /** Undefined: the repository's retention setting. */
  retentionDays?: number
  /** zlib level of the zip, 0 (stored) to 9. */
  compressionLevel: number
  /** Replace an artifact of the same name uploaded earlier in this run. */
  overwrite: boolean
}

export interface ArtifactUpload {
  name: string
  id: number
  /** The artifact on the run's page, where it can be downloaded. */
  url: string
  /** sha256 (hex) of the zip as uploaded. */
  digest: string
  /** Bytes of the zip. */
  size: number
}

/** The part of @actions/artifact's client used here, so tests can hand in a stand-in. */
export type ArtifactClient = Pick<DefaultArtifactClient, 'uploadArtifact' | 'deleteArtifact'>

/**
 * The artifact service is out of reach: the process does not run as a JavaScript step on a
 * GitHub Actions runner. The caller decides whether that fails the run or is a warning.
 * Its name stays 'Error' so the one-line failure shows only the message.
 */
export class ArtifactServiceUnavailableError extends Error {}

/** Uploads every file under `folder` as one artifact of this workflow run, paths kept. */
export async function uploadBackupArtifact(
  folder: string,
  options: ArtifactOptions,
  runner: RunnerContext,
  logger: Logger,
  client: ArtifactClient = new DefaultArtifactClient(),
): Promise<ArtifactUpload> {
  const root = path.resolve(folder)
  assertArtifactService(root)
  const files = await backupFiles(root)
  // The client would refuse too, but with a message that does not say which folder was empty.
  if (files.length === 0) throw new Error(`The backup folder '${root}' holds no files to upload as an artifact.`)
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  if (options.overwrite) await deleteEarlierArtifact(client, options.name, logger)

  logger.info(`Uploading ${files.length} files (${formatBytes(bytes)}) from '${root}' as artifact '${options.name}'`)
  const uploaded = await client
    .uploadArtifact(
      options.name,
      files.map((file) => file.path),
      root,
      { retentionDays: options.retentionDays, compressionLevel: options.compressionLevel },
    )
    .catch((error: unknown) => {
      throw explainUploadFailure(error, options.name)
    })
  // Both are always set by @actions/artifact 6 after a finalized upload; its types leave them optional.
  if (uploaded.id === undefined || !uploaded.digest) {
    throw new Error(`The artifact service accepted '${options.name}' but returned no artifact id or digest.`)
  }
  const upload: ArtifactUpload = {
    name: options.name,
    id: uploaded.id,
    url: `${runner.serverUrl}/${runner.repository}/actions/runs/${runner.runId}/artifacts/${uploaded.id}`,
    digest: uploaded.digest,
    size: uploaded.size ?? 0,
  }
  logger.info(
    `Uploaded artifact '${upload.name}': ${files.length} files, ${formatBytes(bytes)} zipped to ` +
      `${formatBytes(upload.size)} (id ${upload.id}, sha256 ${upload.digest})`,
  )
  return upload
}

/**
 * The client reads both variables only when it sends its first request, and then fails with
 * "Unable to get the ACTIONS_RUNTIME_TOKEN env variable", which does not say what to do.
 */
function assertArtifactService(root: string): void {
  if (process.env.ACTIONS_RUNTIME_TOKEN && process.env.ACTIONS_RESULTS_URL) return
  throw new ArtifactServiceUnavailableError(
    'The artifact destination needs the GitHub Actions runner (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL ' +
      "are set only for an action's own steps, not for 'run:' commands or outside Actions), so nothing was " +
      `uploaded. The backup stays in '${root}'.`,
  )
}

/** Missing is fine: overwrite means "whatever is there, replace it". */
async function deleteEarlierArtifact(client: ArtifactClient, name: string, logger: Logger): Promise<void> {
  try {
    const { id } = await client.deleteArtifact(name)
    logger.info(`Deleted the earlier artifact '${name}' (id ${id}) of this run, to replace it`)
  } catch (error) {
    // A 404 from DeleteArtifact means it went between the listing and the delete.
    if (error instanceof ArtifactNotFoundError || /\(404\)/.test(String(error))) return
    throw error
  }
}

/** The service answers a taken name with HTTP 409, which the client passes on as a bare message. */
function explainUploadFailure(error: unknown, name: string): unknown {
  const message = error instanceof Error ? error.message : String(error)
  if (!/CreateArtifact/.test(message) || !/\(409\)/.test(message)) return error
  return new InputError(
    `An artifact named '${name}' already exists in this workflow run. Set 'overwrite: true' to replace it, ` +
      "or give this backup another 'artifact-name'.",
  )
}

/** Every file of the backup with its size; a backup holds no links, so only regular files count. */
async function backupFiles(root: string): Promise<{ path: string; size: number }[]> {
  const files: { path: string; size: number }[] = []
  // One at a time: a backup can hold thousands of images, and a stat is quick.
  for (const relative of await listFiles(root)) {
    const file = path.join(root, relative)
    files.push({ path: file, size: (await stat(file)).size })
  }
  return files
}
