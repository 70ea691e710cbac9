import { createBackupDependencies } from '../backup/dependencies.js'
import { readRunnerContext } from '../github/runner-context.js'
import { runJob } from '../job.js'
import { jobOutputs } from '../outputs.js'
import { maskSecretInputs } from '../settings/mask.js'
import { readSettings } from '../settings/read-settings.js'
import { failureMessage } from '../util/failure.js'
import { TOOL_VERSION } from '../version.js'
import { cliInputSource, parseArgs } from './args.js'
import { helpText } from './help.js'
import { createStderrLogger } from './stderr-logger.js'
import { runDecryptCommand } from './decrypt-command.js'
import { runVerifyCommand } from './verify-command.js'
import { runRestoreCommand } from './restore-command.js'
import type { Logger } from '../util/logger.js'

/** Runs the CLI and returns its exit code: 0 done, 1 failed. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const logger = createStderrLogger()
  try {
    const [command, ...rest] = argv
    if (command === 'decrypt') return await runDecryptCommand(rest, env, logger)
    if (command === 'verify') return await runVerifyCommand(rest, env, logger)
    if (command === 'restore') return await runRestoreCommand(rest, env, logger)
    return await runBackupCommand(command === 'backup' ? rest : argv, env, logger)
  } catch (error) {
    logger.info(`error: ${failureMessage(error)}`)
    return 1
  }
}

/** `ghost-backup [backup] --url ...`: one backup, outputs as name=value lines on stdout. */
async function runBackupCommand(argv: readonly string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const args = parseArgs(argv)
  if (args.help) return print(helpText())
  if (args.version) return print(`${TOOL_VERSION}\n`)
  const input = cliInputSource(args, env)
  maskSecretInputs(input, logger)
  const settings = readSettings(input)
  const job = await runJob(settings, createBackupDependencies(settings, logger), readRunnerContext(env))
  const outputs = jobOutputs(job)
  return print(
    Object.entries(outputs)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  )
}

function print(text: string): number {
  process.stdout.write(text)
  return 0
}
