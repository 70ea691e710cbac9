/**
 * Runs the copied action bundle the way a runner does: `node dist/index.js`
 * with its inputs as INPUT_<NAME> and files for outputs and the job summary.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runTimed, type TimedRun } from './run-timed.js'

/** The action's log groups, one per phase of a backup. */
const GROUP_LINE = /^::(end)?group::/

export interface ActionRun extends TimedRun {
  summary: string
}

/** The environment a step gets, without this shell's own INPUT_, GITHUB_ or GHOST_ variables. */
function stepEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_|GHOST_)/.test(name))
  return { ...Object.fromEntries(inherited), ...extra }
}

export async function runAction(
  bundle: string,
  inputs: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), 'bench-runner-'))
  const workspace = join(runner, 'workspace')
  const outputFile = join(runner, 'output')
  const summaryFile = join(runner, 'summary')
  mkdirSync(workspace)
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  try {
    const env = stepEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runner,
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    })
    const run = await runTimed(process.execPath, [...nodeArgs, bundle], { env, cwd: workspace, marks: GROUP_LINE })
    return { ...run, summary: readFileSync(summaryFile, 'utf8') }
  } finally {
    rmSync(runner, { recursive: true, force: true })
  }
}

/** The last lines of a failed run, for the error that stops the bench. */
export function failure(what: string, run: TimedRun): Error {
  const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-30).join('\n')
  return new Error(`${what} exited with ${run.code}:\n${tail}`)
}
