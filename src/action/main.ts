import * as core from '@actions/core'
import { runBackup } from '../backup/run-backup.js'
import { createBackupDependencies } from '../backup/dependencies.js'
import { backupOutputs } from '../backup/outputs.js'
import { maskSecretInputs } from '../settings/mask.js'
import { readSettings } from '../settings/read-settings.js'
import { failureMessage } from '../util/failure.js'
import { coreLogger } from './core-logger.js'
import { writeJobSummary } from './summary.js'

/** The action: inputs -> backup -> outputs and job summary. Any failure ends the step with one line. */
export async function run(): Promise<void> {
  const started = Date.now()
  try {
    const input = (name: string) => core.getInput(name)
    maskSecretInputs(input, coreLogger)
    const settings = readSettings(input, process.env.GITHUB_WORKSPACE || process.cwd())
    const result = await runBackup(settings, createBackupDependencies(settings, coreLogger))
    for (const [name, value] of Object.entries(backupOutputs(result))) core.setOutput(name, value)
    await writeJobSummary(result, Date.now() - started)
  } catch (error) {
    core.setFailed(failureMessage(error))
  }
}
