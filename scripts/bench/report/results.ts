/**
 * Everything one bench run found, and the targets held against it.
 * Ratios compare medians; every pair ran in the same rounds.
 */
import type { Machine } from './machine.js'
import { type Series, spread, spreadOf } from '../run/measure.js'
import type { SeededSite } from '../site/seed-large.js'

export interface SiteFacts extends SeededSite {
  ghostVersion: string
  /** From the full backup's manifest. */
  imageFiles: number
  imageFileBytes: number
  mediaBytes: number
  contentJsonBytes: number
  membersCsvBytes: number
  backupFiles: number
  backupBytes: number
}

export interface BenchResults {
  date: string
  /** The pinned release measured, e.g. 6.65.0. */
  ghostVersion: string
  command: string
  machine: Machine
  /** Known once a full backup ran. */
  site?: SiteFacts
  bundle: { sha256: string; bytes: number; chunkBytes: number }
  runs: number
  warmup: number
  concurrency: number
  series: Partial<Record<SeriesName, Series>>
}

export type SeriesName =
  | 'full'
  | 'floor'
  | 'fullWithoutImages'
  | 'fullWithoutVerify'
  | 'incremental'
  | 'incrementalFloor'
  | 'contentOnly'
  | 'usualScript'
  | 'startUp'
  | 'nodeAlone'

export interface Verdict {
  name: string
  value: string
  target: string
  met: boolean
}

const MiB = 2 ** 20
/** The memory allowance on top of content.json: 150 MB, read as decimal megabytes, the stricter reading. */
const RSS_ALLOWANCE = 150_000_000
/**
 * "Flat in the number of media files": while files download, RSS may grow by at most this
 * much per file, about what the file's manifest entry needs (a few hundred bytes on disk);
 * 2 MiB for every 1,000 files.
 */
const FLAT_BYTES_PER_FILE = 2 * 1024

export const median = (series: Series, pick: (s: Series['samples'][number]) => number | undefined): number =>
  spreadOf(series, pick)?.median ?? NaN

const wall = (series: Series): number => median(series, (s) => s.wallMs)
const rss = (series: Series): number => median(series, (s) => s.rssBytes)
const extra = (series: Series, name: string): number => median(series, (s) => s.extra?.[name])

/** Ratio of medians, and the range of the ratios within each round (both ran in every round). */
function ratio(a: Series, b: Series): { value: number; text: string } {
  const value = wall(a) / wall(b)
  const perRound = a.samples.map((sample, i) => sample.wallMs / (b.samples[i]?.wallMs ?? NaN))
  const { min, max } = spread(perRound)
  return { value, text: `${value.toFixed(2)} (per round ${min.toFixed(2)}–${max.toFixed(2)})` }
}

/** The targets whose measurements were made (`--only start-up` makes few). */
export function verdicts(results: BenchResults): Verdict[] {
  const { series, site } = results
  const { full, floor, fullWithoutImages, incremental, contentOnly, usualScript, startUp } = series
  const found: Verdict[] = []
  if (full && floor) {
    const { value, text } = ratio(full, floor)
    found.push({ name: 'full / floor', value: text, target: '≤ 1.25', met: value <= 1.25 })
  }
  if (full && incremental) {
    const { value, text } = ratio(incremental, full)
    const mediaBytes = Math.max(...incremental.samples.map((s) => s.extra?.mediaBytes ?? NaN))
    // What curl reaches with the same requests: no client can go below it without skipping requests.
    const byCurl = series.incrementalFloor
      ? `; curl's incremental floor / full ${ratio(series.incrementalFloor, full).text}`
      : ''
    found.push({
      name: 'incremental / full',
      value: `${text}; ${mediaBytes} media bytes downloaded again${byCurl}`,
      target: '≤ 0.20, 0 media bytes',
      met: value <= 0.2 && mediaBytes === 0,
    })
  }
  if (contentOnly && usualScript) {
    const { value, text } = ratio(contentOnly, usualScript)
    found.push({ name: 'content-only / usual script', value: text, target: '≤ 1.00', met: value <= 1 })
  }
  if (startUp) {
    const ms = wall(startUp)
    found.push({ name: 'start-up', value: `${Math.round(ms)} ms`, target: '≤ 200 ms', met: ms <= 200 })
  }
  if (full && site) {
    const limit = RSS_ALLOWANCE + site.contentJsonBytes
    const highest = Math.max(...full.samples.map((s) => s.rssBytes ?? NaN))
    found.push({
      name: 'peak RSS (full, highest run)',
      value: `${(highest / MiB).toFixed(0)} MiB`,
      target: `≤ 150 MB + content.json = ${(limit / MiB).toFixed(0)} MiB`,
      met: highest <= limit,
    })
  }
  if (full && fullWithoutImages) {
    const moreFiles = extra(full, 'files') - extra(fullWithoutImages, 'files')
    const peakDifference = rss(full) - rss(fullWithoutImages)
    const perFile = extra(full, 'rssGrowthPerFile')
    found.push({
      name: 'peak RSS flat in files',
      value: `RSS grows ${(perFile / 1024).toFixed(1)} KiB per file while files download; peak ${(peakDifference / MiB).toFixed(0)} MiB above the backup without its ${moreFiles} images`,
      target: `≤ ${FLAT_BYTES_PER_FILE / 1024} KiB per file`,
      met: perFile <= FLAT_BYTES_PER_FILE,
    })
  }
  return found
}
