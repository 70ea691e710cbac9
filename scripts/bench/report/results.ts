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
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`
/** The memory allowance on top of content.json: 150 MB, read as decimal megabytes, the stricter reading. */
const RSS_ALLOWANCE = 150_000_000

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
    // "Flat in the number of media files": the peak of the backup with 1,000 more files lies
    // within the peaks of the backups with few, which vary from run to run with when V8
    // collects garbage. (A slope of RSS over the download phase was tried before: it measured
    // the collector's timing, 2.5 KiB a file in one run and 29 KiB in the next.)
    const few = [fullWithoutImages, contentOnly].filter((s): s is Series => s !== undefined)
    const fewPeaks = spread(few.flatMap((s) => s.samples.map((sample) => sample.rssBytes ?? NaN)))
    const peaks = (s: Series, label: string) => {
      const { median: mid, min, max } = spread(s.samples.map((sample) => sample.rssBytes ?? NaN))
      return `${label} ${mib(mid)} (${mib(min)}–${mib(max)})`
    }
    found.push({
      name: 'peak RSS flat in files',
      value: [
        peaks(full, `${extra(full, 'files')} files`),
        peaks(fullWithoutImages, `${extra(fullWithoutImages, 'files')} files`),
        ...(contentOnly ? [peaks(contentOnly, 'content only, 1 file')] : []),
      ].join('; '),
      target: "full's median within the range of the backups with few files",
      met: rss(full) <= fewPeaks.max,
    })
  }
  return found
}
