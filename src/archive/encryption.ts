import { createWriteStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { Readable as NodeReadable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { InputError } from '../settings/input-error.js'

// age-encryption is loaded only when a backup is encrypted or opened: most runs never need it.

/** Who can open an encrypted backup: age public keys, or one passphrase. */
export interface EncryptionKeys {
  recipients: string[]
  passphrase?: string
}

/** Private keys or passphrases that can open an encrypted backup. */
export interface DecryptionKeys {
  identities: string[]
  passphrases: string[]
}

/** Checks each recipient with the age library itself, naming the line that does not parse. */
export async function checkRecipients(recipients: string[]): Promise<void> {
  const { Encrypter } = await import('age-encryption')
  recipients.forEach((line, index) => {
    try {
      new Encrypter().addRecipient(line)
    } catch {
      throw new InputError(
        `Invalid 'encryption-recipients' line ${index + 1} '${line.slice(0, 16)}...'. Expected an age public key (age1...), one per line, as age-keygen prints it.`,
      )
    }
  })
}

/** Encrypts a stream into `file` with age, streamed: memory stays flat however large the backup. */
export async function encryptToFile(plain: Readable, keys: EncryptionKeys, file: string): Promise<void> {
  const { Encrypter } = await import('age-encryption')
  const encrypter = new Encrypter()
  if (keys.passphrase) encrypter.setPassphrase(keys.passphrase)
  else for (const recipient of keys.recipients) encrypter.addRecipient(recipient)
  const encrypted = await encrypter.encrypt(NodeReadable.toWeb(plain) as ReadableStream<Uint8Array>)
  await pipeline(
    NodeReadable.fromWeb(encrypted as import('node:stream/web').ReadableStream<Uint8Array>),
    createWriteStream(file),
  )
}

/** Decrypts an age stream; wrong keys fail with a message saying which kind was tried. */
export async function decryptStream(encrypted: Readable, keys: DecryptionKeys): Promise<Readable> {
  if (keys.identities.length === 0 && keys.passphrases.length === 0) {
    throw new InputError(
      "The backup is encrypted. Pass '--identity <key file>' or '--passphrase' (or GHOST_PASSPHRASE) to open it.",
    )
  }
  const { Decrypter } = await import('age-encryption')
  const decrypter = new Decrypter()
  for (const identity of keys.identities) decrypter.addIdentity(identity)
  for (const passphrase of keys.passphrases) decrypter.addPassphrase(passphrase)
  const plain = await decrypter.decrypt(NodeReadable.toWeb(encrypted) as ReadableStream<Uint8Array>)
  return NodeReadable.fromWeb(plain as import('node:stream/web').ReadableStream<Uint8Array>)
}
