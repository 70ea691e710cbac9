/**
 * `npm run bench`: how fast and how lean the bundled action is against a
 * large real Ghost site, next to curl (the floor) and the usual Python
 * script. See docs/benchmarks.md for what is measured and the results.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GHOST_VERSIONS } from '../ghost/index.js'
import { withLock } from '../ghost/lock.js'
import { log } from '../ghost/util.js'
import type { BenchContext } from './context.js'
import { type BenchOptions, parseOptions, USAGE } from './options.js'
import { writeResultsSection } from './report/docs-file.js'
import { describeMachine } from './report/machine.js'
import { resultsSection } from './report/markdown.js'
import type { BenchResults } from './report/results.js'
import { siteFacts } from './report/site-facts.js'
import { copyBundle } from './run/bundle.js'
import { rounds } from './run/measure.js'
import { contentOnly, usualScript } from './scenarios/content-only.js'
import { floorRun } from './scenarios/floor.js'
import { type FullBackup, fullBackup } from './scenarios/full.js'
import { incrementalBackup } from './scenarios/incremental.js'
import { recordProfiles } from './scenarios/profile.js'
import { nodeAlone, startUp } from './scenarios/startup.js'
import { benchDir, openBenchSite } from './site/bench-site.js'
import { scaledSize } from './site/site-size.js'

/** full, floor, incremental, content-only and the rest, in rounds. */
async function measureBackups(context: BenchContext, options: BenchOptions) {
  const incrementalPath = join(context.work, 'incremental')
  log('bench: a first backup, for the incremental runs to start from')
  await fullBackup(context, 'incremental')
  let last: FullBackup | undefined
  const series = await rounds(options.warmup, options.runs, {
    full: async () => (last = await fullBackup(context, 'full')).sample,
    floor: () => floorRun(context, last!.manifest),
    fullWithoutImages: async () => (await fullBackup(context, 'without-images', { exclude: 'images' })).sample,
    fullWithoutVerify: async () => (await fullBackup(context, 'without-verify', { verify: 'false' })).sample,
    incremental: () => incrementalBackup(context, incrementalPath),
    incrementalFloor: () => floorRun(context, last!.manifest, true),
    contentOnly: () => contentOnly(context),
    usualScript: () => usualScript(context),
  })
  return { series, site: siteFacts(context.state, last!.manifest) }
}

/** Without a context (`--only start-up`) no site is needed: start-up never reaches one. */
async function measure(
  bundle: string,
  context: BenchContext | undefined,
  options: BenchOptions,
): Promise<Omit<BenchResults, 'bundle'>> {
  const backups = context ? await measureBackups(context, options) : undefined
  // Short runs vary more: more of them.
  const quick = await rounds(Math.max(2, options.warmup), Math.max(15, options.runs * 3), {
    startUp: () => startUp(bundle),
    nodeAlone: () => nodeAlone(),
  })
  return {
    date: new Date().toISOString(),
    ghostVersion: GHOST_VERSIONS[options.major],
    command: options.command,
    machine: describeMachine(),
    site: backups?.site,
    runs: options.runs,
    warmup: options.warmup,
    concurrency: options.concurrency,
    series: { ...backups?.series, ...quick },
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(USAGE)
  const options = parseOptions(process.argv.slice(2))
  const dir = benchDir(options.major, options.scale)
  // Two benches against one cached site would measure each other.
  await withLock(`${dir}.lock`, 3 * 60 * 60_000, async () => {
    const bundle = copyBundle(options.dist)
    const work = mkdtempSync(join(tmpdir(), 'bench-work-'))
    const opened =
      options.only === 'start-up'
        ? undefined
        : await openBenchSite(options.major, scaledSize(options.scale), options.scale, options.reseed)
    try {
      const context: BenchContext | undefined = opened && {
        site: opened.site,
        state: opened.state,
        bundle: bundle.action,
        work,
        concurrency: options.concurrency,
      }
      if (options.profile && context) return void (await recordProfiles(context, join(dir, 'profiles')))
      const results: BenchResults = {
        ...(await measure(bundle.action, context, options)),
        bundle: { sha256: bundle.sha256, bytes: bundle.bytes, chunkBytes: bundle.chunkBytes },
      }
      mkdirSync(join(dir, 'results'), { recursive: true })
      const file = join(dir, 'results', `${results.date.replace(/[:.]/g, '-')}.json`)
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
      const section = resultsSection(results)
      console.log(`\n${section}\nAll samples: ${file}`)
      if (options.updateDocs) {
        const key = `ghost-${options.major}${options.only ? `-${options.only}` : ''}${options.dist ? '-other-dist' : ''}`
        await writeResultsSection(key, section)
      }
    } finally {
      await opened?.site.stop()
      rmSync(work, { recursive: true, force: true })
      bundle.remove()
    }
  })
}

await main()
