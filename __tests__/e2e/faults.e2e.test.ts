import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  createStaff,
  type GhostSite,
  type SeedResult,
  seedSite,
  startGhost,
  type Staff,
} from '../../scripts/ghost/index.js'
import { sameExportApartFromTime } from '../../src/backup/same-export.js'
import { type Fault, type FaultOptions, FaultProxy } from '../support/fault-proxy.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { type ResultsService, startResultsService } from '../support/results-service.js'
import { ACTION_BUNDLE, parseOutputFile } from '../support/run-bundle.js'
import { tempDir } from '../support/run-fake-backup.js'

/** CI tests the committed bundle; a developer can point this at a fresh private build. */
const BUNDLE = process.env.FAULTS_ACTION_BUNDLE || ACTION_BUNDLE
const API = '/ghost/api/admin/'
const RUNNER = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo/blog', GITHUB_RUN_ID: '4242' }

interface Run {
  code: number
  stdout: string
  outputs: Record<string, string>
  /** The backup folder, `<workspace>/backup`. */
  backup: string
}

/** `node <bundle>` as the runner starts a step, writing the backup to `<workspace>/backup`. */
async function runBundle(workspace: string, inputs: Record<string, string>, runnerEnv = {}): Promise<Run> {
  const runnerTemp = await tempDir()
  const [outputFile, summaryFile] = [path.join(runnerTemp, 'output'), path.join(runnerTemp, 'summary')]
  await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, '')])
  const own = Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_|GHOST_)/.test(name))
  const all = { destination: 'none', path: 'backup', retries: '2', 'request-timeout': '2', ...inputs }
  const env = {
    ...Object.fromEntries(own),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    ...runnerEnv,
    ...Object.fromEntries(Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  }
  const child = spawn(process.execPath, [BUNDLE], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stdout += chunk))
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)))
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  return { code, stdout, outputs, backup: path.join(workspace, 'backup') }
}

/** Every file of a folder by relative path, with its sha256. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  }
  return files
}

type ManifestFiles = { path: string; sha256: string }[]
const manifestFiles = async (backup: string): Promise<ManifestFiles> =>
  JSON.parse(await readFile(path.join(backup, 'manifest.json'), 'utf8')).files.map(
    ({ path, sha256 }: { path: string; sha256: string }) => ({ path, sha256 }),
  )

/**
 * A real Ghost whose configured `url` is the proxy's address, as a site behind nginx is
 * set up: `/site/` reports the proxy, so images are fetched through it like the API. The
 * harness staffs and seeds it through the proxy too (Ghost checks a login's Origin
 * against its `url`), with no rules set, so every request passes through untouched.
 */
interface ProxiedGhost {
  site: GhostSite
  proxy: FaultProxy
  staff: Staff
  seed: SeedResult
}

async function startProxiedGhost(major: (typeof MAJORS)[number]): Promise<ProxiedGhost> {
  const proxy = await FaultProxy.start()
  const site = await startGhost({ major, env: { url: proxy.url } })
  proxy.target = site.url
  try {
    const front = { ...site, url: proxy.url, adminUrl: proxy.url, apiRoot: `${proxy.url}ghost/api/admin/` }
    const staff = await createStaff(front)
    return { site, proxy, staff, seed: await seedSite(front, staff) }
  } catch (error) {
    await Promise.all([site.stop(), proxy.stop()])
    throw error
  }
}

describe('a backup through a proxy that breaks requests (real Ghost, bundled action)', realGhost, () => {
  const sites = new Map<number, ProxiedGhost>()
  let elsewhere: FaultProxy
  let service: ResultsService
  before(async () => {
    ;[elsewhere, service] = await Promise.all([FaultProxy.start(), startResultsService()])
    for (const ghost of await Promise.all(MAJORS.map(startProxiedGhost))) sites.set(ghost.site.major, ghost)
  })
  after(async () => {
    await Promise.all([...sites.values()].flatMap(({ site, proxy }) => [site.stop(), proxy.stop()]))
    await Promise.all([elsewhere.stop(), service.stop()])
  })

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      let ghost: ProxiedGhost
      let clean: Run
      let image: string
      const inputs = () => ({ url: ghost.proxy.url, 'staff-token': ghost.staff.owner.token })
      before(async () => {
        ghost = sites.get(major)!
        elsewhere.target = ghost.site.url
        image = new URL(ghost.seed.uploads.find((upload) => upload.kind === 'images')!.url).pathname
        clean = await runBundle(await tempDir(), inputs())
        assert.equal(clean.code, 0, clean.stdout)
      })

      /** Breaks `pattern` as told, then expects a backup identical to the clean one. */
      async function recovers(pattern: string, fault: Fault, options: FaultOptions, extra = {}): Promise<Run> {
        ghost.proxy.clear()
        ghost.proxy.inject(pattern, fault, options)
        const run = await runBundle(await tempDir(), { ...inputs(), ...extra })
        assert.equal(run.code, 0, run.stdout)
        // A redirect of a public file is followed at once; everything else is a retry, logged.
        if (fault.kind !== 'redirect') assert.match(run.stdout, /failed \(.*\); retrying in \d+ s\./)
        const [files, cleanFiles] = await Promise.all([manifestFiles(run.backup), manifestFiles(clean.backup)])
        // Every export gets a new `exported_on`; everything else must be the same bytes.
        const content = (list: ManifestFiles) => list.filter((file) => file.path !== 'data/content.json')
        assert.deepEqual(content(files), content(cleanFiles))
        assert.equal(files.length, cleanFiles.length)
        assert.ok(
          await sameExportApartFromTime(
            path.join(run.backup, 'data/content.json'),
            path.join(clean.backup, 'data/content.json'),
          ),
          'the same content export, apart from its time',
        )
        return run
      }

      describe('recovers, with a backup identical to a clean one', () => {
        it('from a 502 on /site/', async () => {
          await recovers(`${API}site/`, { kind: 'status', status: 502 }, { times: 1 })
          assert.equal(ghost.proxy.count(`${API}site/`), 2)
        })

        it('from a content export reset mid-body', async () => {
          await recovers(`${API}db/`, { kind: 'reset' }, { times: 1 })
          assert.equal(ghost.proxy.count(`${API}db/`), 2)
        })

        it('from a 504 on the content export', async () => {
          await recovers(`${API}db/`, { kind: 'status', status: 504 }, { times: 1 })
        })

        it('from a members CSV cut short of its Content-Length', async () => {
          await recovers(`${API}members/upload/`, { kind: 'truncate' }, { times: 1 })
        })

        it('from a members CSV cut inside its last line, with no length to tell', async () => {
          await recovers(`${API}members/upload/`, { kind: 'truncate', declared: false, keep: -3 }, { times: 1 })
        })

        it('from a theme zip cut short, with no length to tell', async () => {
          const theme = `${API}themes/${ghost.seed.theme.name}/download/`
          await recovers(theme, { kind: 'truncate', declared: false }, { times: 1 })
          assert.equal(ghost.proxy.count(theme), 2)
        })

        it('from an image stalled halfway past request-timeout', async () => {
          await recovers(image, { kind: 'stall', after: 'half-body' }, { times: 1 }, { 'request-timeout': '1' })
          assert.equal(ghost.proxy.count(image), 2)
        })

        it('from a 429 on an image, waiting as Retry-After asks', async () => {
          const run = await recovers(image, { kind: 'too-many', retryAfter: 1 }, { times: 1 })
          assert.match(run.stdout, /failed with HTTP 429\); retrying in 1 s\./)
        })

        it('from an image redirected to another host', async () => {
          elsewhere.clear()
          await recovers(image, { kind: 'redirect', origin: elsewhere.url, status: 302 }, { times: 1 })
          assert.equal(elsewhere.count(image), 1)
        })
      })

      /**
       * Runs with the artifact destination over a copy of the clean backup, and expects the
       * run to fail with `message`, the copy untouched and no artifact made.
       */
      async function failsCleanly(message: RegExp, extra: Record<string, string> = {}): Promise<Run> {
        const workspace = await tempDir()
        await cp(clean.backup, path.join(workspace, 'backup'), { recursive: true })
        const before = await snapshot(path.join(workspace, 'backup'))
        const created = service.requests.filter((request) => request.rpc === 'CreateArtifact').length
        const run = await runBundle(
          workspace,
          { ...inputs(), destination: 'artifact', 'artifact-name': `faults-${major}`, ...extra },
          { ...RUNNER, ...service.env },
        )
        assert.equal(run.code, 1, run.stdout)
        const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
        assert.equal(errors.length, 1, run.stdout)
        assert.match(errors[0]!, message)
        assert.deepEqual(await snapshot(run.backup), before, 'the previous backup is untouched')
        assert.deepEqual((await readdir(workspace)).sort(), ['backup'], 'no staging folder is left behind')
        assert.equal(run.outputs.path, undefined)
        assert.equal(service.requests.filter((request) => request.rpc === 'CreateArtifact').length, created)
        assert.ok(!service.artifacts.some((artifact) => artifact.name === `faults-${major}`), 'nothing delivered')
        return run
      }

      describe('fails cleanly: previous backup untouched, nothing delivered', () => {
        it('when the content export keeps answering 503', async () => {
          ghost.proxy.clear()
          ghost.proxy.inject(`${API}db/`, { kind: 'status', status: 503 })
          await failsCleanly(
            /^::error::GET \/db\/ failed with HTTP 503\. Tried 2 times: .*Run the backup again later/,
            {
              retries: '1',
            },
          )
          assert.equal(ghost.proxy.count(`${API}db/`), 2)
        })

        it('when the members CSV keeps stalling past request-timeout', async () => {
          ghost.proxy.clear()
          ghost.proxy.inject(`${API}members/upload/`, { kind: 'stall', after: 'headers' })
          await failsCleanly(/^::error::GET \/members\/upload\/: .*no data from \S+ for 1 s .*Tried 2 times/, {
            retries: '1',
            'request-timeout': '1',
          })
        })

        it('when /site/ is an HTML page', async () => {
          ghost.proxy.clear()
          ghost.proxy.inject(`${API}site/`, { kind: 'html', title: 'Just a moment...' })
          await failsCleanly(/'url' does not look like a Ghost site: .*an HTML page titled 'Just a moment\.\.\.'/)
          assert.equal(ghost.proxy.count(API), 1, 'asked once; nothing else was asked')
        })

        it('when the content export is redirected to another host, which is never followed', async () => {
          ghost.proxy.clear()
          elsewhere.clear()
          ghost.proxy.inject(`${API}db/`, { kind: 'redirect', origin: elsewhere.url })
          await failsCleanly(
            /^::error::GET \/db\/ was redirected \(HTTP 301\) to http:\/\/127\.0\.0\.1:\d+\/ghost\/api\/admin\/db\//,
          )
          assert.equal(elsewhere.requests.length, 0, 'the credentials never went to the other host')
        })
      })

      it('leaves no folder at all when the first backup fails', async () => {
        ghost.proxy.clear()
        ghost.proxy.inject(image, { kind: 'reset' })
        const workspace = await tempDir()
        const run = await runBundle(workspace, { ...inputs(), retries: '1' })
        assert.equal(run.code, 1)
        assert.match(run.stdout, new RegExp(`::error::GET ${image.replace(/[.]/g, '\\.')}: .*\\. Tried 2 times`))
        assert.ok(!existsSync(run.backup))
        assert.deepEqual(await readdir(workspace), [])
      })
    })
  }
})
