/** The machine a result was measured on, for the results table. */
import { availableParallelism, cpus, release, totalmem } from 'node:os'

export interface Machine {
  nproc: number
  cpu: string
  memoryGiB: number
  node: string
  kernel: string
}

export function describeMachine(): Machine {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
  }
}
