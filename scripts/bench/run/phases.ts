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
