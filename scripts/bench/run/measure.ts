/**
 * Repeats measurements after a warm-up. Measurements that are compared
 * with each other run in rounds (one of each, then the next round), so a
 * burst of load from other work on the machine hits both sides alike.
 */
import { loadavg } from 'node:os'
import { log } from '../../ghost/util.js'
import type { Phase } from './phases.js'

/** One measured run: wall time plus whatever else the measurement knows. */
export interface Sample {
  wallMs: number
  rssBytes?: number
  cpuMs?: number
  /** CPU time the Ghost server spent meanwhile. */
  serverCpuMs?: number
  /** Named extras, e.g. bytes downloaded. */
  extra?: Record<string, number>
  /** The action's phases, by its log groups. */
  phases?: Phase[]
}

export interface Series {
  samples: Sample[]
  /** 1-minute load average before the first and after the last measured run. */
  load: [number, number]
}

export interface Spread {
  median: number
  min: number
  max: number
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/** Spread of one field over the samples that have it. */
export function spreadOf(series: Series, pick: (sample: Sample) => number | undefined): Spread | undefined {
  const values = series.samples.map(pick).filter((v): v is number => v !== undefined)
  return values.length > 0 ? spread(values) : undefined
}

export async function rounds<K extends string>(
  warmup: number,
  runs: number,
  tasks: Record<K, () => Promise<Sample>>,
): Promise<Record<K, Series>> {
  const names = Object.keys(tasks) as K[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<K, Sample[]>
  let loadBefore = loadavg()[0]!
  for (let round = 0; round < warmup + runs; round++) {
    if (round === warmup) loadBefore = loadavg()[0]!
    for (const name of names) {
      const sample = await tasks[name]()
      const label = round < warmup ? 'warm-up' : `run ${round - warmup + 1}/${runs}`
      log(`bench: ${name} ${label}: ${(sample.wallMs / 1000).toFixed(2)} s`)
      if (round >= warmup) samples[name].push(sample)
    }
  }
  const load: [number, number] = [loadBefore, loadavg()[0]!]
  return Object.fromEntries(names.map((name) => [name, { samples: samples[name], load }])) as Record<K, Series>
}
