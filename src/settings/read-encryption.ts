import { type EncryptionKeys, parseRecipients } from '../archive/encryption.js'
import { InputError } from './input-error.js'

/** age can seal a file to public keys or to a passphrase, not both at once. */
export function readEncryption(recipients: string, passphrase: string): EncryptionKeys | undefined {
  const keys = parseRecipients(recipients)
  if (keys.length > 0 && passphrase) {
    throw new InputError("Set either 'encryption-recipients' or 'encryption-passphrase', not both.")
  }
  if (passphrase) return { recipients: [], passphrase }
  return keys.length > 0 ? { recipients: keys } : undefined
}
