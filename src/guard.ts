import { createGitHub } from './github/octokit.js'
import type { RunnerContext } from './github/runner-context.js'
import { repositoryIsPublic } from './github/visibility.js'
import type { BackupSettings } from './settings/settings.js'
import type { Logger } from './util/logger.js'

/**
 * Refuses, before Ghost is contacted, to put an unencrypted backup where anyone can read
 * it: an artifact or a commit of a public repository. A backup holds staff emails and
 * password hashes, on Ghost 5 the site's secret keys, and with members every subscriber.
 */
export async function guardPublicRepository(
  settings: BackupSettings,
  runner: RunnerContext,
  logger: Logger,
): Promise<void> {
  const { artifact, commit } = settings.destinations
  if (settings.encryption || (!artifact && !commit)) return
  const github = settings.githubToken ? await createGitHub(settings.githubToken, runner) : undefined
  const exposed: string[] = []
  if (artifact && runner.repository) {
    const [owner, repo] = runner.repository.split('/') as [string, string]
    if (await repositoryIsPublic(owner, repo, runner, github))
      exposed.push(`an artifact of the public repository ${runner.repository}`)
  }
  if (commit && (await repositoryIsPublic(commit.owner, commit.repo, runner, github))) {
    exposed.push(`a commit in the public repository ${commit.owner}/${commit.repo}`)
  }
  if (exposed.length === 0) return
  const what = `The backup would be ${exposed.join(' and ')}, readable by anyone: it holds staff emails and password hashes, on Ghost 5 the site's secret keys, and with members every subscriber's email address.`
  if (settings.allowPublicUnencrypted) {
    logger.warning(`${what} Going ahead because 'allow-public-unencrypted' is true.`)
    return
  }
  throw new Error(
    `${what} Encrypt it: set 'encryption-recipients' to an age public key (age-keygen makes one) or 'encryption-passphrase'; or set 'allow-public-unencrypted: true' to accept this.`,
  )
}
