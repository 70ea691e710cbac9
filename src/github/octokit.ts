import type { getOctokit } from '@actions/github'
import type { RunnerContext } from './runner-context.js'

/** The REST client every GitHub call goes through. */
export type GitHub = ReturnType<typeof getOctokit>

/**
 * A client for the runner's GitHub (or the API URL a test points it at). Octokit is loaded
 * only when a run talks to GitHub, so runs that do not pay nothing for it at start-up.
 */
export async function createGitHub(token: string, runner: RunnerContext): Promise<GitHub> {
  const { getOctokit: create } = await import('@actions/github')
  return create(token, { baseUrl: runner.apiUrl })
}
