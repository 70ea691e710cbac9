/**
 * Splits a run of the action into its phases by its log groups (Content,
 * Members, ..., Verify), with the time each took and the peak RSS within it.
 */
import type { TimedRun } from './run-timed.js'

export interface Phase {
  name: string
  ms: number
  /** Undefined when the phase was too short for a sample. */
  peakRssBytes?: number
}

const FIRST = 'start-up, inputs, site info'
const BETWEEN = 'between groups (manifest)'
const LAST = 'after the last group: publish, outputs, summary'

export function phasesOf(run: TimedRun): Phase[] {
  const marks = run.marks ?? []
  const bounds = [0, ...marks.map((m) => m.atMs), run.wallMs]
  const byName = new Map<string, Phase>()
  for (let i = 0; i + 1 < bounds.length; i++) {
    const opened = i === 0 ? undefined : marks[i - 1]!.text
    const name =
      i === 0 ? FIRST : opened!.startsWith('::group::') ? opened!.slice(9).trim() : i === marks.length ? LAST : BETWEEN
    const [from, to] = [bounds[i]!, bounds[i + 1]!]
    const inside = (run.rssTimeline ?? []).filter((p) => p.atMs >= from && p.atMs < to).map((p) => p.rssBytes)
    const phase = byName.get(name) ?? { name, ms: 0 }
    phase.ms += to - from
    if (inside.length > 0) phase.peakRssBytes = Math.max(phase.peakRssBytes ?? 0, ...inside)
    byName.set(name, phase)
  }
  return [...byName.values()]
}

/** The log group in which the action downloads images, media and files. */
export const FILES_GROUP = 'Images, media and files'

/**
 * How much RSS grows per downloaded file while files are downloaded. RSS steps up once
 * as the first downloads start; the first quarter of the phase is left out so that the
 * step does not count as growth per file. Undefined without enough samples.
 */
export function rssGrowthPerFile(run: TimedRun, files: number): number | undefined {
  const marks = run.marks ?? []
  const at = marks.findIndex((m) => m.text.startsWith(`::group::${FILES_GROUP}`))
  const end = marks[at + 1]?.atMs
  if (at < 0 || end === undefined || files < 4) return undefined
  const start = marks[at]!.atMs
  const from = start + (end - start) / 4
  const inside = (run.rssTimeline ?? []).filter((p) => p.atMs >= from && p.atMs <= end)
  if (inside.length < 4) return undefined
  const first = inside[0]!.rssBytes
  const peak = Math.max(...inside.map((p) => p.rssBytes))
  return (peak - first) / (files * 0.75)
}
