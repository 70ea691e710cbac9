/** `full`: the bundled action backing up the whole site into an empty folder. */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { type BackupManifest, type BenchContext, readManifest, tokenInputs } from '../context.js'
import type { Sample } from '../run/measure.js'
import { phasesOf } from '../run/phases.js'
import { failure, runAction } from '../run/run-action.js'
import { watchServer } from '../run/server-watch.js'

export interface FullBackup {
  sample: Sample
  manifest: BackupManifest
  path: string
}

/** `inputs` adds to or overrides the token inputs, e.g. `{ exclude: 'images' }`. */
export async function fullBackup(
  context: BenchContext,
  name: string,
  inputs: Record<string, string> = {},
): Promise<FullBackup> {
  const path = join(context.work, name)
  rmSync(path, { recursive: true, force: true })
  const { result: run, cpuMs } = await watchServer(context.site, () =>
    runAction(context.bundle, { ...tokenInputs(context, path), ...inputs }),
  )
  if (run.code !== 0) throw failure(`the action (${name})`, run)
  const manifest = readManifest(path)
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0)
  return {
    sample: {
      wallMs: run.wallMs,
      rssBytes: run.rssBytes,
      cpuMs: run.cpuMs,
      serverCpuMs: cpuMs,
      extra: { files: manifest.files.length, bytes },
      phases: phasesOf(run),
    },
    manifest,
    path,
  }
}
