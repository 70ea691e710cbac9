import type { EncryptionKeys } from '../archive/encryption.js'
import { InputError } from './input-error.js'

/**
 * The encryption inputs. Recipients are checked here for their form; the age library checks
 * each one fully when the job starts (checkRecipients), still before any request.
 */
export function readEncryption(recipients: string, passphrase: string): EncryptionKeys | undefined {
  const keys = recipients
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  keys.forEach((key, index) => {
    if (key.startsWith('ssh-')) {
      throw new InputError(
        `Invalid 'encryption-recipients' line ${index + 1}: SSH keys are not supported. Expected an age public key (age1...), made with age-keygen.`,
      )
    }
  })
  if (keys.length > 0 && passphrase) {
    throw new InputError("Set either 'encryption-recipients' or 'encryption-passphrase', not both.")
  }
  if (passphrase) return { recipients: [], passphrase }
  return keys.length > 0 ? { recipients: keys } : undefined
}
