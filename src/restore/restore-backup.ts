import { GhostClient } from '../ghost/client.js'
import { fetchSiteInfo } from '../ghost/site-info.js'
import { FILE_PARTS, type FilePart, type Part, PARTS } from '../settings/parts.js'
import { readBackupSource } from './backup-source.js'
import { restoreContent } from './content.js'
import { PartLog, type RestoreContext, type TargetSite } from './context.js'
import { whatCannotComeBack } from './limits.js'
import { restoreMembers } from './members.js'
import { restoreSettingsFiles } from './settings-files.js'
import { contentOnSite } from './site-state.js'
import { restoreSiteFiles } from './site-files.js'
import { restoreThemes } from './themes.js'
import type { PartOutcome, RestoreDependencies, RestoreOptions, RestoreReport, RestoreRequest } from './types.js'
import { wipeSite } from './wipe.js'

export type { RestoreDependencies, RestoreOptions, RestoreReport } from './types.js'

const MINUTE = 60_000

/**
 * Puts a backup folder into a Ghost site over the Admin API, part by part: themes, then
 * the content (which the files and members refer to), then images, media and files at
 * their paths, members, and routes and redirects. Refuses a site that already has content
 * unless `force`, since Ghost merges and never replaces. A part Ghost partly refused is
 * reported and the rest carries on; a content import that does not finish stops the run.
 */
export async function restoreBackup(
  dir: string,
  options: RestoreOptions,
  deps: RestoreDependencies,
): Promise<RestoreReport> {
  const startedAt = deps.now().getTime()
  const source = await readBackupSource(dir)
  const parts = chooseParts(options.parts, source.parts)
  const client = new GhostClient({ ...deps, address: options, credentials: options.credentials })
  const urlInput = options.adminUrl.href === options.siteUrl.href ? 'url' : 'admin-url'
  const info = await fetchSiteInfo(client, urlInput)
  const site: TargetSite = { url: new URL(info.url), version: info.version, major: Number(info.version.split('.')[0]) }
  const dryRun = options.dryRun ?? false
  deps.logger.info(
    `${dryRun ? 'Dry run: ' : ''}restoring ${parts.join(', ')} into Ghost ${info.version} at ${info.url}`,
  )

  const requests: RestoreRequest[] = []
  const outcomes: PartOutcome[] = []
  await client.open()
  try {
    const context: RestoreContext = {
      client,
      deps,
      source,
      site,
      dryRun,
      fresh: false,
      importTimeoutMs: options.importTimeoutMs ?? 10 * MINUTE,
      maxUploadBytes: options.maxUploadBytes ?? 45 * 1024 * 1024,
      concurrency: options.concurrency ?? 8,
      record: (request) => void requests.push(request),
    }
    if (options.wipe) await wipeSite(context)
    // A dry run does not wipe, but a real run would have deleted the posts, pages and tags by now.
    const found = (await contentOnSite(client)).filter((what) => !(dryRun && options.wipe) || what.endsWith('members'))
    context.fresh = found.length === 0
    if (!context.fresh && !options.force) {
      throw new Error(
        `The site at ${info.url} already has content (${found.join(', ')}). Ghost's importers merge into what is there (a taken slug becomes '-2', an existing tag or staff user is kept as it was), so a restore goes into a fresh site. Restore with 'force' (--force) to merge anyway.`,
      )
    }
    await runParts(context, parts, outcomes)
  } finally {
    await client.close()
  }
  return {
    site: { url: info.url, ghostVersion: info.version },
    backup: { path: dir, ghostVersion: source.manifest?.site.ghostVersion, siteUrl: source.manifest?.site.url },
    dryRun,
    requests,
    parts: outcomes,
    notRestored: whatCannotComeBack(source, parts, site),
    ok: outcomes.every((outcome) => outcome.status === 'restored' || outcome.status === 'planned'),
    ms: deps.now().getTime() - startedAt,
  }
}

/** Runs each wanted part in order, timing it; only a content import that failed stops the rest. */
async function runParts(context: RestoreContext, parts: Part[], outcomes: PartOutcome[]): Promise<void> {
  const { deps } = context
  const run = async (names: Part[], work: (logs: Map<Part, PartLog>) => Promise<void>): Promise<boolean> => {
    const wanted = names.filter((part) => parts.includes(part))
    if (wanted.length === 0) return true
    const logs = new Map(wanted.map((part) => [part, new PartLog(part)]))
    const started = deps.now().getTime()
    let failure: Error | undefined
    await deps.logger.group(`Restore ${wanted.join(', ')}`, async () => {
      try {
        await work(logs)
      } catch (error) {
        failure = error as Error
      }
    })
    const ms = deps.now().getTime() - started
    for (const log of logs.values()) {
      const outcome = log.outcome(context.dryRun, ms)
      if (failure) outcomes.push({ ...outcome, status: 'failed', details: [...outcome.details, failure.message] })
      else outcomes.push(outcome)
    }
    return !failure
  }

  await run(['themes'], (logs) => restoreThemes(context, logs.get('themes')!))
  const contentDone = await run(['content'], (logs) => restoreContent(context, logs.get('content')!))
  const later: Part[] = ['images', 'media', 'files', 'members', 'settings']
  if (!contentDone) {
    for (const part of later.filter((name) => parts.includes(name))) {
      outcomes.push({ part, status: 'failed', details: ['Not attempted: the content import did not finish.'], ms: 0 })
    }
    return
  }
  await run([...FILE_PARTS], (logs) => restoreSiteFiles(context, logs as Map<FilePart, PartLog>))
  await run(['members'], (logs) => restoreMembers(context, logs.get('members')!))
  await run(['settings'], (logs) => restoreSettingsFiles(context, logs.get('settings')!))
}

/** The parts asked for (default: all the backup holds), refusing ones the backup does not have. */
function chooseParts(wanted: readonly Part[] | undefined, held: readonly Part[]): Part[] {
  if (!wanted) return [...held]
  const lacking = wanted.filter((part) => !held.includes(part))
  if (lacking.length > 0) {
    throw new Error(`The backup holds no ${lacking.join(', ')}. It holds: ${held.join(', ')}.`)
  }
  return PARTS.filter((part) => wanted.includes(part))
}
