/** What every measurement needs: the site, its Owner, the bundle under test and a scratch folder. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GhostSite } from '../ghost/index.js'
import type { BenchState } from './site/bench-site.js'

export interface BenchContext {
  site: GhostSite
  state: BenchState
  /** The copied dist/index.js. */
  bundle: string
  /** Backups and downloads go here; removed when the bench ends. */
  work: string
  /** The action's 'concurrency', and the floor's `xargs -P`. */
  concurrency: number
}

/** The parts of manifest.json the bench reads. */
export interface BackupManifest {
  site: { ghostVersion: string }
  files: { path: string; size: number; source?: string; etag?: string; lastModified?: string }[]
  counts: Record<string, number>
}

export function readManifest(backup: string): BackupManifest {
  return JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as BackupManifest
}

/** A backup taken with a staff token, as the issue asks: `destination: none`, `verify` as by default. */
export function tokenInputs(context: BenchContext, path: string): Record<string, string> {
  return {
    url: context.site.url,
    'staff-token': context.state.owner.token,
    path,
    include: 'all',
    destination: 'none',
    concurrency: String(context.concurrency),
    verify: 'true',
  }
}
