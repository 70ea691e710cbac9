import { cp, mkdir, readdir } from 'node:fs/promises'
import { openBackup } from '../archive/open-backup.js'
import { InputError } from '../settings/input-error.js'
import type { Logger } from '../util/logger.js'
import { readDecryptionKeys } from './keys.js'
import { takeOptions } from './options.js'

export const DECRYPT_HELP = `Usage: ghost-backup decrypt <backup.tar.age | folder> --out <folder> [--identity <key file>] [--passphrase <text>]

Decrypts an encrypted backup (what the action uploads or commits with 'encryption-recipients'
or 'encryption-passphrase') and unpacks it into --out, which must be new or empty.
The key file is the one age-keygen wrote; GHOST_IDENTITY and GHOST_PASSPHRASE work too.
The standard age tool does the same: age -d -i key.txt backup.tar.age | tar -x
`

/** `ghost-backup decrypt`: an encrypted backup back into a plain folder. */
export async function runDecryptCommand(argv: string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const { positional, values, flags } = takeOptions(argv, ['out', 'identity', 'passphrase'], [])
  if (flags.has('help')) {
    process.stdout.write(DECRYPT_HELP)
    return 0
  }
  const [input] = positional
  const out = values.get('out')?.[0]
  if (!input || positional.length > 1 || !out)
    throw new InputError(`Expected one backup and --out <folder>.\n${DECRYPT_HELP}`)
  for (const passphrase of values.get('passphrase') ?? []) logger.setSecret(passphrase)
  const keys = await readDecryptionKeys(values.get('identity') ?? [], values.get('passphrase') ?? [], env)
  const existing = await readdir(out).catch(() => [])
  if (existing.length > 0) throw new InputError(`Invalid '--out' '${out}'. Expected a new or empty folder.`)
  const opened = await openBackup(input, keys)
  try {
    await mkdir(out, { recursive: true })
    await cp(opened.dir, out, { recursive: true })
  } finally {
    await opened.close()
  }
  process.stdout.write(`Decrypted ${input} into ${out}\n`)
  return 0
}
