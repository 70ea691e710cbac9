import { readFile } from 'node:fs/promises'
import type { DecryptionKeys } from '../archive/encryption.js'
import { InputError } from '../settings/input-error.js'

/**
 * The keys that open an encrypted backup: `--identity <file>` (as age-keygen writes it; also
 * GHOST_IDENTITY) and `--passphrase <text>` (better: GHOST_PASSPHRASE, out of the process list).
 */
export async function readDecryptionKeys(
  identityFiles: string[],
  passphrases: string[],
  env: NodeJS.ProcessEnv,
): Promise<DecryptionKeys> {
  const files = [...identityFiles, ...(env.GHOST_IDENTITY ? [env.GHOST_IDENTITY] : [])]
  const identities: string[] = []
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new InputError(`Cannot read the identity file '${file}'. Expected a key file made by age-keygen.`)
    })
    const keys = text.split(/\r?\n/).filter((line) => line.startsWith('AGE-SECRET-KEY-'))
    if (keys.length === 0) throw new InputError(`'${file}' holds no age secret key (a line starting AGE-SECRET-KEY-).`)
    identities.push(...keys)
  }
  return { identities, passphrases: [...passphrases, ...(env.GHOST_PASSPHRASE ? [env.GHOST_PASSPHRASE] : [])] }
}
