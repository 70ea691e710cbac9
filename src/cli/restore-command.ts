import { openBackup } from '../archive/open-backup.js'
import { createRestoreDependencies } from '../restore/dependencies.js'
import { formatRestoreReport } from '../restore/report-text.js'
import { restoreBackup } from '../restore/restore-backup.js'
import type { RestoreOptions } from '../restore/types.js'
import { parseStaffToken } from '../settings/credentials.js'
import { InputError, invalidInput } from '../settings/input-error.js'
import { parseInteger } from '../settings/parse.js'
import { type Part, PARTS } from '../settings/parts.js'
import { isLoopbackHost, parseSiteUrl } from '../settings/site-url.js'
import { failureMessage } from '../util/failure.js'
import type { Logger } from '../util/logger.js'
import { readDecryptionKeys } from './keys.js'

/** Options that take a value, with the environment variable each falls back to. */
const VALUE_OPTIONS: Record<string, string | undefined> = {
  url: 'GHOST_URL',
  'admin-url': 'GHOST_ADMIN_URL',
  'staff-token': 'GHOST_STAFF_TOKEN',
  include: undefined,
  'import-timeout': undefined,
  // readDecryptionKeys reads GHOST_IDENTITY and GHOST_PASSPHRASE itself.
  identity: undefined,
  passphrase: undefined,
}
const SWITCHES = new Set(['force', 'wipe', 'dry-run', 'allow-insecure-http'])

const USAGE = 'Usage: ghost-backup restore <folder | backup.tar | backup.tar.age> --url https://example.com'

/** `ghost-backup restore --help`. */
export function restoreHelpText(): string {
  return `ghost-backup restore: put a backup back into a Ghost site over its Admin API.

${USAGE} [options]

The site should be fresh (only Ghost's sample post, page and tag): Ghost's importers
merge into what is there and never replace it. Credentials are best passed in the
environment (GHOST_STAFF_TOKEN), where other users cannot read them from the process list.

Options:
  --url <value>          The site's URL, e.g. https://example.com. Environment: GHOST_URL
  --admin-url <value>    Where Ghost Admin is served, when that is another host. Environment: GHOST_ADMIN_URL
  --staff-token <value>  The Owner's or an Administrator's staff access token (id:secret).
                         Environment: GHOST_STAFF_TOKEN
  --include <value>      What to restore, comma-separated: all, or any of ${PARTS.join(', ')}.
                         'settings' is routes.yaml and the redirects; site settings such as
                         the title come with 'content'. (default: everything the backup holds)
  --force                Restore into a site that already has content; Ghost merges.
  --wipe                 First ask Ghost to delete all posts and tags (DELETE /db/). Ghost refuses
                         this to staff tokens: delete the content in Ghost Admin instead.
  --dry-run              List what would be sent (part, endpoint, file, size); send nothing.
  --import-timeout <s>   Seconds to wait for each of Ghost's background imports. (default: 600)
  --allow-insecure-http  Allow plain http:// to a host that is not this machine.
  --identity <file>      The age key file that opens an encrypted backup. Environment: GHOST_IDENTITY
  --passphrase <text>    The passphrase that opens an encrypted backup. Environment: GHOST_PASSPHRASE
  --help                 Show this help.
`
}

/**
 * `ghost-backup restore <path> ...`: `argv` is what follows the word `restore`. Prints the
 * report on stdout (or `write`), progress on stderr through `logger`; 0 when every part came back whole.
 */
export async function runRestoreCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  logger: Logger,
  write: (text: string) => void = (text) => void process.stdout.write(text),
): Promise<number> {
  try {
    const args = parseRestoreArgs(argv)
    if (args.help) {
      write(restoreHelpText())
      return 0
    }
    const value = (name: string) => args.values.get(name) ?? env[VALUE_OPTIONS[name] ?? ''] ?? ''
    const token = value('staff-token').trim()
    if (token) {
      logger.setSecret(token)
      for (const half of token.split(':')) if (half.length >= 8) logger.setSecret(half)
    }
    const passphrase = args.values.get('passphrase')
    for (const secret of [passphrase, env.GHOST_PASSPHRASE]) if (secret) logger.setSecret(secret)
    const options = restoreOptions(value, args.switches)
    const identity = args.values.get('identity')
    const keys = await readDecryptionKeys(identity ? [identity] : [], passphrase ? [passphrase] : [], env)
    // A folder is used as it is; a .tar or .tar.age is unpacked into a temporary one.
    const opened = await openBackup(args.path, keys)
    try {
      const report = await restoreBackup(opened.dir, options, createRestoreDependencies(logger))
      write(formatRestoreReport({ ...report, backup: { ...report.backup, path: args.path } }))
      return report.ok ? 0 : 1
    } finally {
      await opened.close()
    }
  } catch (error) {
    logger.info(`error: ${failureMessage(error)}`)
    return 1
  }
}

interface RestoreArgs {
  help: boolean
  path: string
  values: Map<string, string>
  switches: Set<string>
}

function parseRestoreArgs(argv: readonly string[]): RestoreArgs {
  const args: RestoreArgs = { help: false, path: '', values: new Map(), switches: new Set() }
  const paths: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') args.help = true
    else if (arg.startsWith('--')) {
      const at = arg.indexOf('=')
      const name = at < 0 ? arg.slice(2) : arg.slice(2, at)
      if (SWITCHES.has(name)) {
        if (at >= 0) throw invalidInput(name, undefined, `no value: '--${name}' is a switch`)
        args.switches.add(name)
      } else if (name in VALUE_OPTIONS) {
        const given = at < 0 ? argv[++i] : arg.slice(at + 1)
        if (given === undefined) throw new InputError(`Option '--${name}' needs a value.`)
        args.values.set(name, given)
      } else {
        throw new InputError(`Unknown option '--${name}'. Run 'ghost-backup restore --help' for the options.`)
      }
    } else paths.push(arg)
  }
  if (paths.length > 1) {
    throw new InputError(`Expected one backup to restore, got ${paths.length}: ${paths.join(' ')}.`)
  }
  args.path = paths[0] ?? ''
  if (!args.help && !args.path) {
    throw new InputError(`Missing the backup to restore. ${USAGE}`)
  }
  return args
}

function restoreOptions(value: (name: string) => string, switches: Set<string>): RestoreOptions {
  if (!value('url').trim()) {
    throw new InputError(
      "Option 'url' is required (or GHOST_URL). Expected the site's URL, such as https://example.com.",
    )
  }
  const siteUrl = parseSiteUrl('url', value('url'))
  const adminUrl = value('admin-url').trim() ? parseSiteUrl('admin-url', value('admin-url')) : siteUrl
  if (adminUrl.protocol === 'http:' && !isLoopbackHost(adminUrl.hostname) && !switches.has('allow-insecure-http')) {
    throw new InputError(
      `Refusing plain http:// for ${adminUrl.origin}: the staff token would cross the network unencrypted. Use https://, or pass --allow-insecure-http if you accept that.`,
    )
  }
  if (!value('staff-token').trim()) {
    throw new InputError(
      "No credentials: set --staff-token (or GHOST_STAFF_TOKEN) to the Owner's or an Administrator's staff access token.",
    )
  }
  const timeout = value('import-timeout')
  return {
    siteUrl,
    adminUrl,
    credentials: { kind: 'staff-token', token: parseStaffToken(value('staff-token')) },
    parts: parseRestoreParts(value('include')),
    force: switches.has('force'),
    wipe: switches.has('wipe'),
    dryRun: switches.has('dry-run'),
    importTimeoutMs: timeout ? parseInteger('import-timeout', timeout, 10, 86_400) * 1000 : undefined,
  }
}

/** `all` (or nothing) means every part the backup holds. */
function parseRestoreParts(raw: string): Part[] | undefined {
  const names = raw
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  if (names.length === 0 || names.includes('all')) return undefined
  const unknown = names.filter((name) => !(PARTS as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw invalidInput('include', unknown.join(', '), `a comma-separated list of: all, ${PARTS.join(', ')}`)
  }
  return PARTS.filter((part) => names.includes(part))
}
