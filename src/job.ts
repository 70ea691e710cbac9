import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { checkRecipients } from './archive/encryption.js'
import { sealBackup } from './archive/seal.js'
import { type BackupDependencies, type BackupResult, runBackup } from './backup/run-backup.js'
import { loadPreviousBackup, type PreviousBackup } from './backup/previous.js'
import type { ArtifactUpload } from './destinations/artifact.js'
import type { CommitResult } from './destinations/commit/commit-backup.js'
import { downloadPreviousBackup } from './destinations/commit/previous-backup.js'
import { type CommitPlan, deliverArtifact, deliverCommit, planArtifact, planCommit } from './destinations/deliver.js'
import { createGitHub } from './github/octokit.js'
import type { RunnerContext } from './github/runner-context.js'
import { guardPublicRepository } from './guard.js'
import type { BackupSettings } from './settings/settings.js'
import { placeholderValues } from './util/placeholders.js'

/** What one run produced: the backup, and where it was delivered. */
export interface JobResult {
  backup: BackupResult
  /** True when 'path' holds the backup encrypted, as backup.tar.age. */
  encrypted: boolean
  artifact?: ArtifactUpload
  commit?: CommitResult
}

/**
 * The whole job: refuse a public destination for a plain backup, find the previous backup
 * (to download only what changed), back the site up, seal it when encrypting, then hand
 * the finished folder to each destination chosen.
 */
export async function runJob(
  settings: BackupSettings,
  deps: BackupDependencies,
  runner: RunnerContext,
): Promise<JobResult> {
  if (settings.encryption) await checkRecipients(settings.encryption.recipients)
  await guardPublicRepository(settings, runner, deps.logger)
  const values = placeholderValues(settings.siteUrl, deps.now(), runner.runId)
  const artifact = settings.destinations.artifact ? planArtifact(settings.destinations.artifact, values) : undefined
  const commit = settings.destinations.commit ? planCommit(settings.destinations.commit, values, runner) : undefined
  if (settings.encryption) await checkRecipients(settings.encryption.recipients)
  await guardPublicRepository(settings, runner, deps.logger)
  const scratch = await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'ghost-backup-'))
  try {
    const previous = settings.encryption ? undefined : await findPrevious(settings, commit, scratch, deps)
    const backup = settings.encryption
      ? await encryptedBackup(settings, deps, path.join(scratch, 'plain'))
      : await runBackup(settings, deps, previous)
    const job: JobResult = { backup, encrypted: Boolean(settings.encryption) }
    if (artifact) job.artifact = await deliverArtifact(backup, artifact, runner, deps.logger)
    if (commit) job.commit = await deliverCommit(backup, commit, previous?.manifest, runner, deps.logger)
    return job
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * Backs up into a scratch folder, then seals it into 'path' as one age-encrypted tar: the
 * plain files never reach 'path', and are removed with the scratch folder. There is no
 * previous backup to compare with: it is encrypted to keys the runner does not hold.
 */
async function encryptedBackup(
  settings: BackupSettings,
  deps: BackupDependencies,
  plainDir: string,
): Promise<BackupResult> {
  const plain = await runBackup({ ...settings, path: plainDir }, deps)
  await deps.logger.group('Encryption', async () => {
    await sealBackup(plainDir, settings.path, settings.encryption!, plain.manifest)
    deps.logger.info(`Encrypted the backup with age into ${path.join(settings.path, 'backup.tar.age')}.`)
  })
  return { ...plain, path: settings.path }
}

/**
 * The backup to compare with: the commit branch's copy when committing (so the commit sees
 * exactly what it replaces), else 'previous-path', else an earlier backup still in 'path'
 * (a CLI run from cron writes to the same folder).
 */
async function findPrevious(
  settings: BackupSettings,
  commit: CommitPlan | undefined,
  scratch: string,
  deps: BackupDependencies,
): Promise<PreviousBackup | undefined> {
  const { logger } = deps
  if (commit) {
    const github = await createGitHub(commit.token, commit.runner)
    const folder = path.join(scratch, 'previous')
    const found = await downloadPreviousBackup(github, commit.target, folder)
    if (!found) {
      logger.info(`Branch '${commit.target.branch}' does not exist yet: this is the first backup committed there.`)
      return undefined
    }
    logger.info(`Comparing with the backup in '${commit.target.branch}' at ${found.commitSha.slice(0, 7)}.`)
    return loadPreviousBackup(folder, logger)
  }
  return loadPreviousBackup(settings.previousPath ?? settings.path, logger)
}
