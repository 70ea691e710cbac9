import * as core from '@actions/core'
import { createBackupDependencies } from '../backup/dependencies.js'
import { readRunnerContext } from '../github/runner-context.js'
import { runJob } from '../job.js'
import { jobOutputs } from '../outputs.js'
import { maskSecretInputs } from '../settings/mask.js'
import { readSettings } from '../settings/read-settings.js'
import { failureMessage } from '../util/failure.js'
import { coreLogger } from './core-logger.js'
import { writeJobSummary } from './summary.js'

/** The action: inputs -> backup -> destinations -> outputs and job summary. Any failure ends the step with one line. */
export async function run(): Promise<void> {
  const started = Date.now()
  try {
    const input = (name: string) => core.getInput(name)
    maskSecretInputs(input, coreLogger)
    const settings = readSettings(input, process.env.GITHUB_WORKSPACE || process.cwd())
    const job = await runJob(settings, createBackupDependencies(settings, coreLogger), readRunnerContext())
    for (const [name, value] of Object.entries(jobOutputs(job))) core.setOutput(name, value)
    await writeJobSummary(job, Date.now() - started)
  } catch (error) {
    core.setFailed(failureMessage(error))
  }
}
