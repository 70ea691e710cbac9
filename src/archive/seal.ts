import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { BackupFolder } from '../backup/backup-folder.js'
import * as path from 'node:path'
import { CONTENT_FILE, FINGERPRINT_FILE, SEALED_FILE } from '../backup/layout.js'
import { timelessExportHash } from '../backup/same-export.js'
import { type Manifest, timelessManifest } from '../backup/manifest.js'
import { listFiles } from '../util/walk.js'
import { type EncryptionKeys, encryptToFile } from './encryption.js'
import { packFolder } from './tar-writer.js'

/**
 * A fingerprint of what the backup holds, the same for two backups of an unchanged site:
 * the sha256 of its manifest without the times, with the export's hash taken without its
 * `exported_on`. It tells "nothing changed" without opening the encrypted archive, and
 * reveals nothing of the site.
 */
export async function backupFingerprint(plainDir: string, manifest: Manifest): Promise<string> {
  const files = await Promise.all(
    manifest.files.map(async (file) =>
      file.path === CONTENT_FILE ? { ...file, sha256: await timelessExportHash(path.join(plainDir, file.path)) } : file,
    ),
  )
  return createHash('sha256')
    .update(timelessManifest({ ...manifest, files }))
    .digest('hex')
}

/**
 * Packs the plain backup in `plainDir` into one tar, encrypts it with age into
 * `<target>/backup.tar.age` (staged, then published like any backup), with the
 * fingerprint beside it. The plain files never reach `target`.
 */
export async function sealBackup(
  plainDir: string,
  target: string,
  keys: EncryptionKeys,
  manifest: Manifest,
): Promise<void> {
  const folder = await BackupFolder.create(target)
  try {
    await encryptToFile(packFolder(plainDir, await listFiles(plainDir)), keys, await folder.file(SEALED_FILE))
    await writeFile(await folder.file(FINGERPRINT_FILE), `${await backupFingerprint(plainDir, manifest)}\n`)
    await folder.publish()
  } finally {
    await folder.discard()
  }
}
