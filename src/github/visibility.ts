import { readFile } from 'node:fs/promises'
import type { GitHub } from './octokit.js'
import type { RunnerContext } from './runner-context.js'

interface RepositoryFacts {
  private?: boolean
  visibility?: string
}

const isPublic = (facts: RepositoryFacts | undefined): boolean | undefined =>
  facts?.visibility !== undefined
    ? facts.visibility === 'public'
    : facts?.private === undefined
      ? undefined
      : !facts.private

/**
 * Whether a repository is public: from the event payload for the workflow's own repository
 * (no request needed), else from the REST API. Undefined when neither can tell.
 */
export async function repositoryIsPublic(
  owner: string,
  repo: string,
  runner: RunnerContext,
  github: GitHub | undefined,
): Promise<boolean | undefined> {
  if (`${owner}/${repo}`.toLowerCase() === runner.repository.toLowerCase() && runner.eventPath) {
    const payload = await readFile(runner.eventPath, 'utf8')
      .then((text) => JSON.parse(text) as { repository?: RepositoryFacts })
      .catch(() => undefined)
    const fromEvent = isPublic(payload?.repository)
    if (fromEvent !== undefined) return fromEvent
  }
  if (!github) return undefined
  try {
    return isPublic((await github.rest.repos.get({ owner, repo })).data)
  } catch {
    return undefined
  }
}
