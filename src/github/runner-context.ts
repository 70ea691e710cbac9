/** What the GitHub Actions runner tells a step about where it runs; empty outside a runner. */
export interface RunnerContext {
  /** True inside a GitHub Actions job. */
  onRunner: boolean
  /** `https://github.com` (or a GitHub Enterprise Server). */
  serverUrl: string
  /** REST API root, `https://api.github.com` on github.com. */
  apiUrl: string
  /** `owner/name` of the repository the workflow runs in. */
  repository: string
  runId: string
  /** The event payload file, for the repository's visibility. */
  eventPath: string
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  return {
    onRunner: env.GITHUB_ACTIONS === 'true',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    eventPath: env.GITHUB_EVENT_PATH ?? '',
  }
}
