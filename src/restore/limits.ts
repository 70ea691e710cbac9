import type { Part } from '../settings/parts.js'
import type { BackupSource } from './backup-source.js'
import type { TargetSite } from './context.js'

/**
 * What no restore over the Admin API brings back, for the parts being restored: Ghost's
 * importers leave these out by design (facts from core/server/data/importer and the
 * members importer in Ghost 5.130.6 and 6.65.0), or the backup never held them.
 */
export function whatCannotComeBack(source: BackupSource, parts: readonly Part[], site: TargetSite): string[] {
  const limits: string[] = []
  const has = (part: Part) => parts.includes(part)
  if (has('content')) {
    limits.push(
      "Staff passwords: Ghost locks every staff user it imports with a random password; each must choose a new one with 'Forgot password' on the sign-in page. The old site's Owner comes back as an Administrator unless this site's Owner has the same email (Ghost never imports an Owner).",
      "Settings Ghost's importer leaves out: private-site mode and its password, the Stripe connection, the members' sender and support addresses (Ghost re-verifies them by email), the site's secret keys and labs flags.",
      "What Ghost's content export never holds: comments, sent newsletters and their analytics, post revisions, members' activity.",
    )
  }
  if (has('members')) {
    limits.push(
      'Stripe links: members come back without their Stripe customer, so paid members are free members until Stripe is connected and the CSV is imported again in Ghost Admin.',
      "Members' newsletter choices: Ghost's CSV import only knows subscribed or not; subscribed members get the newsletters set to subscribe new members.",
    )
  }
  const files = parts.filter((part) => part === 'images' || part === 'media' || part === 'files')
  const missing = source.manifest?.missing.filter((file) => files.some((part) => file.path.startsWith(`${part}/`)))
  if (missing && missing.length > 0) {
    limits.push(
      `${missing.length} files the content links were already missing on the old site (manifest.json lists them); they stay missing.`,
    )
  }
  if (files.length > 0 && (source.manifest?.external.length ?? 0) > 0) {
    limits.push(
      `${source.manifest!.external.length} files on other hosts (listed in manifest.json) are linked, not restored.`,
    )
  }
  if (files.length > 0 && site.major >= 6) {
    limits.push(
      "Ghost 6's importer keeps a second, unlinked copy of each image and media file under content/files/ (its files importer accepts their extensions too); nothing links them, and a self-hoster can delete them.",
    )
  }
  const backupMajor = Number(source.manifest?.site.ghostVersion.split('.')[0])
  if (has('settings') && source.redirects?.path.endsWith('.json') && site.major >= 6) {
    limits.push('Redirects uploaded as JSON are kept by Ghost 6 as rules and given back as redirects.yaml.')
  }
  if (backupMajor > site.major) {
    limits.push(
      `The backup comes from Ghost ${source.manifest!.site.ghostVersion}, newer than this site's ${site.version}: Ghost's importer may not know newer tables and settings.`,
    )
  }
  return limits
}
