import type { BackupResult } from '../backup/run-backup.js'
import type { Manifest } from '../backup/manifest.js'
import { createGitHub } from '../github/octokit.js'
import type { RunnerContext } from '../github/runner-context.js'
import type { ArtifactSettings, CommitSettings } from '../settings/destinations.js'
import type { Logger } from '../util/logger.js'
import { fillPlaceholders, type PlaceholderValues } from '../util/placeholders.js'
import type { ArtifactOptions, ArtifactUpload } from './artifact.js'
import { artifactName } from './artifact-name.js'
import { commitBackup, type CommitResult } from './commit/commit-backup.js'
import type { CommitTarget } from './commit/tree.js'

/** The commit destination with its placeholders filled, decided before the backup starts. */
export interface CommitPlan {
  token: string
  runner: RunnerContext
  target: CommitTarget
  message: string
}

export function planCommit(settings: CommitSettings, values: PlaceholderValues, runner: RunnerContext): CommitPlan {
  const { token, owner, repo, branch } = settings
  return {
    token,
    runner,
    target: { owner, repo, branch, commitPath: fillPlaceholders(settings.pathTemplate, values) },
    message: fillPlaceholders(settings.messageTemplate, values),
  }
}

/** The artifact's options with its name made, so a name that cannot be fixed fails before the backup. */
export function planArtifact(settings: ArtifactSettings, values: PlaceholderValues): ArtifactOptions {
  const { retentionDays, compressionLevel, overwrite } = settings
  return { name: artifactName(settings.nameTemplate, values), retentionDays, compressionLevel, overwrite }
}

/**
 * Uploads the backup as an artifact; outside a runner it says why not and leaves the folder.
 * The artifact client (with the storage SDK behind it) loads only when an upload happens.
 */
export async function deliverArtifact(
  backup: BackupResult,
  options: ArtifactOptions,
  runner: RunnerContext,
  logger: Logger,
): Promise<ArtifactUpload | undefined> {
  const artifact = await import('./artifact.js')
  try {
    return await logger.group('Artifact', () => artifact.uploadBackupArtifact(backup.path, options, runner, logger))
  } catch (error) {
    if (!(error instanceof artifact.ArtifactServiceUnavailableError)) throw error
    logger.warning(error.message)
    return undefined
  }
}

export async function deliverCommit(
  backup: BackupResult,
  plan: CommitPlan,
  previousManifest: Manifest | undefined,
  runner: RunnerContext,
  logger: Logger,
): Promise<CommitResult> {
  const github = await createGitHub(plan.token, plan.runner)
  return logger.group('Commit', () =>
    commitBackup(
      github,
      backup.path,
      { ...plan.target, message: plan.message, previousManifest },
      runner.serverUrl,
      logger,
    ),
  )
}
