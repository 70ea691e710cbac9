import { getOctokit } from '@actions/github'
import type { RunnerContext } from './runner-context.js'

/** The REST client every GitHub call goes through. */
export type GitHub = ReturnType<typeof getOctokit>

/** A client for the runner's GitHub (or the API URL a test points it at). */
export function createGitHub(token: string, runner: RunnerContext): GitHub {
  return getOctokit(token, { baseUrl: runner.apiUrl })
}
