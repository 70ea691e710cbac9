/**
 * `content-only` against `the usual script`: the content export alone, by the
 * action (`include: content`) and by a Python `requests` script, both logging
 * in with the Owner's email and password, so both pay for the same login.
 */
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchContext } from '../context.js'
import type { Sample } from '../run/measure.js'
import { phasesOf } from '../run/phases.js'
import { failure, runAction } from '../run/run-action.js'
import { runTimed } from '../run/run-timed.js'
import { watchServer } from '../run/server-watch.js'

const USUAL_SCRIPT = fileURLToPath(new URL('./usual_script.py', import.meta.url))

export function contentOnlyInputs(context: BenchContext, path: string): Record<string, string> {
  const { owner } = context.state
  return {
    url: context.site.url,
    username: owner.email,
    password: owner.password,
    path,
    include: 'content',
    destination: 'none',
    verify: 'true',
  }
}

export async function contentOnly(context: BenchContext): Promise<Sample> {
  const path = join(context.work, 'content-only')
  rmSync(path, { recursive: true, force: true })
  const inputs = contentOnlyInputs(context, path)
  const { result: run, cpuMs } = await watchServer(context.site, () => runAction(context.bundle, inputs))
  if (run.code !== 0) throw failure('the action (content only)', run)
  const bytes = statSync(join(path, 'data', 'content.json')).size
  const phases = phasesOf(run)
  return { wallMs: run.wallMs, rssBytes: run.rssBytes, cpuMs: run.cpuMs, serverCpuMs: cpuMs, extra: { bytes }, phases }
}

export async function usualScript(context: BenchContext): Promise<Sample> {
  const out = join(context.work, 'usual-script.json')
  rmSync(out, { force: true })
  const { owner } = context.state
  const env = {
    ...process.env,
    GHOST_ADMIN_URL: context.site.adminUrl,
    GHOST_USERNAME: owner.email,
    GHOST_PASSWORD: owner.password,
  }
  const { result: run, cpuMs } = await watchServer(context.site, () =>
    runTimed('python3', [USUAL_SCRIPT, out], { env }),
  )
  if (run.code !== 0) throw failure('the usual script', run)
  const bytes = statSync(out).size
  return { wallMs: run.wallMs, rssBytes: run.rssBytes, cpuMs: run.cpuMs, serverCpuMs: cpuMs, extra: { bytes } }
}
