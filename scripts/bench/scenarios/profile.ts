/**
 * `npm run bench -- --profile`: one start-up, one full backup, one
 * incremental backup (of the full one) and one content-only backup under
 * `node --cpu-prof`, kept in the bench folder and summarised, to find where
 * a missed target's time goes; then one full backup under `node --trace-gc`,
 * to see what the heap holds in each phase.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { log } from '../../ghost/util.js'
import { type BenchContext, tokenInputs } from '../context.js'
import { summariseProfile } from '../report/profile-summary.js'
import { failure, runAction } from '../run/run-action.js'
import { contentOnlyInputs } from './content-only.js'

async function profiled(context: BenchContext, dir: string, inputs: Record<string, string>, shouldPass: boolean) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const run = await runAction(context.bundle, inputs, ['--cpu-prof', '--cpu-prof-dir', dir])
  if ((run.code === 0) !== shouldPass) throw failure(`the profiled action (${dir})`, run)
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no profile written into ${dir}`)
  console.log(`\n${summariseProfile(join(dir, file))}`)
}

/**
 * The full collections, and the last collection before each log group starts or ends:
 * what the heap held at each phase boundary. The whole log is kept beside the profiles.
 */
async function traceGc(context: BenchContext, dir: string): Promise<void> {
  const run = await runAction(context.bundle, tokenInputs(context, join(context.work, 'traced')), ['--trace-gc'])
  if (run.code !== 0) throw failure('the action under --trace-gc', run)
  writeFileSync(join(dir, 'full-trace-gc.txt'), run.stdout)
  const lines = run.stdout.split('\n').filter((line) => /::(end)?group::|Mark-Compact|Scavenge/.test(line))
  const kept = lines.filter(
    (line, i) => !line.includes('Scavenge') || /::(end)?group::/.test(lines[i + 1] ?? '::endgroup::'),
  )
  console.log(`\n--trace-gc of a full run (heap used before -> after, MB):\n${kept.join('\n')}`)
}

export async function recordProfiles(context: BenchContext, dir: string): Promise<void> {
  log(`bench: profiling into ${dir}`)
  await profiled(context, join(dir, 'start-up'), { url: 'not a url', destination: 'none' }, false)
  const path = join(context.work, 'profiled')
  await profiled(context, join(dir, 'full'), tokenInputs(context, path), true)
  await profiled(context, join(dir, 'incremental'), tokenInputs(context, path), true)
  await profiled(context, join(dir, 'content-only'), contentOnlyInputs(context, join(context.work, 'content')), true)
  await traceGc(context, dir)
}
