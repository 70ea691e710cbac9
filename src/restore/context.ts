import type { GhostClient } from '../ghost/client.js'
import type { Part } from '../settings/parts.js'
import type { BackupSource } from './backup-source.js'
import type { PartOutcome, RestoreDependencies, RestoreRequest } from './types.js'

/** The site being restored into, as `GET /site/` describes it. */
export interface TargetSite {
  /** Where Ghost serves the site, and so its images, media and files. */
  url: URL
  version: string
  major: number
}

/** What every part of a restore works with. */
export interface RestoreContext {
  client: GhostClient
  deps: RestoreDependencies
  source: BackupSource
  site: TargetSite
  dryRun: boolean
  /** The site held only Ghost's sample content when the restore began. */
  fresh: boolean
  importTimeoutMs: number
  maxUploadBytes: number
  concurrency: number
  /** Notes a request that changes the site, before it is sent (or instead, in a dry run). */
  record(request: RestoreRequest): void
}

/** Collects what happened to a part while it runs. */
export class PartLog {
  readonly details: string[] = []
  private problems = 0

  constructor(readonly part: Part) {}

  /** Something that went as it should. */
  done(detail: string): void {
    this.details.push(detail)
  }

  /** Something Ghost skipped or could not take: the part is then incomplete. */
  missed(detail: string): void {
    this.problems++
    this.details.push(detail)
  }

  outcome(dryRun: boolean, ms: number): PartOutcome {
    const status = dryRun ? 'planned' : this.problems > 0 ? 'incomplete' : 'restored'
    return { part: this.part, status, details: this.details, ms }
  }
}
