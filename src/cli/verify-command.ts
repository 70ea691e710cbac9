import { openBackup } from '../archive/open-backup.js'
import { InputError } from '../settings/input-error.js'
import type { Logger } from '../util/logger.js'
import { verifyBackup } from '../verify/verify-backup.js'
import { readDecryptionKeys } from './keys.js'
import { takeOptions } from './options.js'

const USAGE =
  'Usage: ghost-backup verify <folder | backup.tar | backup.tar.age> [--identity <key file>] [--passphrase <text>]'

/** `ghost-backup verify --help`. */
export function verifyHelpText(): string {
  return [
    'ghost-backup verify: check a backup offline, without asking the site.',
    '',
    USAGE,
    '',
    'Checks every file against the size and sha256 in manifest.json and that the folder holds',
    "no file the manifest does not list; that data/content.json is Ghost's export and every",
    'image, media file and file it references is saved (or listed as missing, external or',
    "unsafe); that data/members.csv is Ghost's members CSV with as many members as counted;",
    'that theme zips open; and that routes.yaml and the redirects file are sound.',
    'An encrypted backup is opened with --identity or --passphrase (or GHOST_IDENTITY,',
    'GHOST_PASSPHRASE).',
    '',
    'Prints each problem and a summary on stdout. Exit code 0 when the backup is whole,',
    '1 when anything is wrong or the command is used wrongly.',
    '',
  ].join('\n')
}

/** Runs `ghost-backup verify <backup>`; returns the exit code. Results on stdout, errors through `logger`. */
export async function runVerifyCommand(argv: string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const { positional, values, flags } = takeOptions(argv, ['identity', 'passphrase'], [])
  if (flags.has('help')) return print(verifyHelpText(), 0)
  if (positional.length !== 1) {
    const what =
      positional.length === 0 ? 'Missing the backup to check' : `Expected one backup, got ${positional.length}`
    throw new InputError(`${what}. ${USAGE}`)
  }
  for (const passphrase of values.get('passphrase') ?? []) logger.setSecret(passphrase)
  const keys = await readDecryptionKeys(values.get('identity') ?? [], values.get('passphrase') ?? [], env)
  const opened = await openBackup(positional[0]!, keys)
  try {
    logger.info(`Checking the backup in ${positional[0]} ...`)
    const report = await verifyBackup(opened.dir)
    const lines = report.problems.map((problem) => `${problem.message}\n`)
    const { files, bytes, references } = report.checked
    const count = report.problems.length
    const summary = report.ok
      ? `Backup in ${positional[0]} is whole: ${files} files, ${bytes} bytes, ${references} references checked.`
      : `${count} problem${count === 1 ? '' : 's'} found in the backup in ${positional[0]}.`
    return print(`${lines.join('')}${summary}\n`, report.ok ? 0 : 1)
  } finally {
    await opened.close()
  }
}

function print(text: string, code: number): number {
  process.stdout.write(text)
  return code
}
