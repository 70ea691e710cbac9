/** The command line of `npm run bench`. */
import { parseArgs } from 'node:util'
import type { GhostMajor } from '../ghost/index.js'

export interface BenchOptions {
  major: GhostMajor
  runs: number
  warmup: number
  concurrency: number
  /** Fraction of the site size; 1 unless trying the bench out. */
  scale: number
  reseed: boolean
  updateDocs: boolean
  /** Profile a start-up and a full, incremental and content-only run instead of measuring. */
  profile: boolean
  /** `start-up`: measure only start-up (no backups), e.g. for another build. */
  only?: 'start-up'
  /** The dist folder to measure; the checkout's own by default. */
  dist?: string
  /** How to run this again, for the results. */
  command: string
}

export const USAGE = `npm run bench -- [options]
  --ghost 5|6        Ghost major to measure (default 6)
  --runs N           measured runs of each measurement (default 5)
  --warmup N         runs before measuring (default 1)
  --concurrency N    the action's 'concurrency' and the floor's xargs -P (default 8)
  --scale F          seed F of the full site size, in a cache folder of its own (default 1)
  --reseed           seed the cached site again
  --update-docs      write the results into docs/benchmarks.md
  --profile          profile (--cpu-prof) a start-up, full, incremental and content-only run, and
                     log a full run under --trace-gc, instead of measuring
  --dist DIR         measure the bundle in DIR (e.g. an older build) instead of ./dist
  --only start-up    measure only start-up (and node alone)`

function whole(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`)
  return n
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ghost: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      scale: { type: 'string' },
      reseed: { type: 'boolean' },
      'update-docs': { type: 'boolean' },
      profile: { type: 'boolean' },
      dist: { type: 'string' },
      only: { type: 'string' },
    },
  })
  const major = values.ghost === undefined ? 6 : Number(values.ghost)
  if (major !== 5 && major !== 6) throw new Error('--ghost must be 5 or 6')
  const scale = values.scale === undefined ? 1 : Number(values.scale)
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a fraction in (0, 1]')
  if (values.only !== undefined && values.only !== 'start-up') throw new Error('--only takes start-up')
  if (values.only && values.profile) throw new Error('--profile needs the site; leave out --only')
  const shown = argv.filter((arg) => arg !== '--update-docs')
  return {
    major,
    runs: whole('runs', values.runs, 5, 1),
    warmup: whole('warmup', values.warmup, 1, 0),
    concurrency: whole('concurrency', values.concurrency, 8, 1),
    scale,
    reseed: values.reseed ?? false,
    updateDocs: values['update-docs'] ?? false,
    profile: values.profile ?? false,
    dist: values.dist,
    only: values.only as 'start-up' | undefined,
    command: shown.length > 0 ? `npm run bench -- ${shown.join(' ')}` : 'npm run bench',
  }
}
