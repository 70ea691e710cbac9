/**
 * `start-up`: `node dist/index.js` with an invalid 'url', from spawn to exit:
 * what every run pays before its first request. `node -e 0` beside it shows
 * how much of that is Node itself.
 */
import type { Sample } from '../run/measure.js'
import { failure, runAction } from '../run/run-action.js'
import { runTimed } from '../run/run-timed.js'

export async function startUp(bundle: string): Promise<Sample> {
  const run = await runAction(bundle, { url: 'not a url', destination: 'none' })
  // It must fail on the input, not on something else that would end it sooner or later.
  if (run.code === 0 || !run.stdout.includes("::error::Invalid 'url'")) throw failure('the action (invalid input)', run)
  return { wallMs: run.wallMs, rssBytes: run.rssBytes, cpuMs: run.cpuMs }
}

export async function nodeAlone(): Promise<Sample> {
  const run = await runTimed(process.execPath, ['-e', '0'])
  if (run.code !== 0) throw failure('node -e 0', run)
  return { wallMs: run.wallMs, rssBytes: run.rssBytes, cpuMs: run.cpuMs }
}
