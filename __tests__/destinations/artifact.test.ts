import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import {
  type ArtifactOptions,
  ArtifactServiceUnavailableError,
  uploadBackupArtifact,
} from '../../src/destinations/artifact.js'
import type { RunnerContext } from '../../src/github/runner-context.js'
import { InputError } from '../../src/settings/input-error.js'
import { type Logger, silentLogger } from '../../src/util/logger.js'
import { type ResultsService, startResultsService } from '../support/results-service.js'
import { readZip } from '../support/unzip.js'

const NAME = 'ghost-backup-example.com-2025-01-31'

/** A small backup: nested folders, text that compresses and an image that does not. */
function backupFiles(): Record<string, Buffer> {
  return {
    'manifest.json': Buffer.from(JSON.stringify({ site: 'https://example.com/', files: 4 }, null, 2)),
    'data/content.json': Buffer.from(
      JSON.stringify({ db: [{ data: { posts: Array(200).fill({ title: 'Hello' }) } }] }),
    ),
    'data/members.csv': Buffer.from('email,name\nreader@example.com,Reader\n'),
    'settings/routes.yaml': Buffer.from('routes:\ncollections:\n  /: { permalink: /{slug}/ }\n'),
    'images/2025/01/photo.jpg': randomBytes(96 * 1024),
  }
}

const runner: RunnerContext = {
  onRunner: true,
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  repository: 'octo-org/blog',
  runId: '12345678901',
  eventPath: '',
}

/** Every variable the client reads that a test sets, restored after each test. */
const ENV_KEYS = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'NO_PROXY',
  'no_proxy',
  'GITHUB_SERVER_URL',
  'GITHUB_RETENTION_DAYS',
]

/** Compression method (0 stored, 8 deflated) of each entry, from the zip's central directory. */
function zipMethods(zip: Buffer): Map<string, number> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let offset = zip.readUInt32LE(end + 16)
  const methods = new Map<string, number>()
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(offset + 28)
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8')
    methods.set(name, zip.readUInt16LE(offset + 10))
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32)
  }
  return methods
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

describe('uploadBackupArtifact with the real @actions/artifact client', () => {
  let service: ResultsService
  let folder: string
  let files: Record<string, Buffer>
  let savedEnv: Record<string, string | undefined>
  let logged: string[]
  let logger: Logger

  const options = (extra: Partial<ArtifactOptions> = {}): ArtifactOptions => ({
    name: NAME,
    compressionLevel: 6,
    overwrite: false,
    ...extra,
  })

  beforeEach(async () => {
    savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]))
    service = await startResultsService()
    Object.assign(process.env, service.env, { GITHUB_SERVER_URL: 'https://github.com' })
    delete process.env.GITHUB_RETENTION_DAYS
    folder = await mkdtemp(path.join(tmpdir(), 'artifact-test-'))
    files = backupFiles()
    for (const [name, data] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true })
      await writeFile(path.join(folder, name), data)
    }
    logged = []
    logger = { ...silentLogger, info: (message) => logged.push(message) }
  })

  afterEach(async () => {
    await service.stop()
    await rm(folder, { recursive: true, force: true })
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  it('uploads every file with its path and bytes, and returns id, url, digest and size', async () => {
    const upload = await uploadBackupArtifact(folder, options(), runner, logger)

    assert.equal(service.artifacts.length, 1)
    const stored = service.artifacts[0]!
    assert.ok(stored.finalized && stored.zip)
    assert.deepEqual(upload, {
      name: NAME,
      id: stored.id,
      url: `https://github.com/octo-org/blog/actions/runs/12345678901/artifacts/${stored.id}`,
      digest: sha256(stored.zip),
      size: stored.zip.length,
    })
    assert.equal(stored.digest, `sha256:${upload.digest}`)
    assert.equal(stored.mimeType, 'application/zip')
    assert.equal(stored.contentType, 'application/zip')
    assert.equal(stored.expiresAt, undefined, 'no retention-days: the repository decides')

    const zipped = readZip(stored.zip)
    assert.deepEqual([...zipped.keys()].sort(), Object.keys(files).sort())
    for (const [name, data] of Object.entries(files)) assert.ok(zipped.get(name)!.equals(data), name)

    const create = service.requests.find((request) => request.rpc === 'CreateArtifact')!
    assert.equal(create.json!.workflow_job_run_backend_id, service.ids.workflowJobRunBackendId)
    assert.ok(
      logged.some((line) => line.includes(`'${NAME}'`) && line.includes('5 files') && line.includes(`id ${stored.id}`)),
    )
  })

  it('sends retention-days as the expiry and zips at the compression level asked', async () => {
    const earliest = new Date()
    earliest.setDate(earliest.getDate() + 5)
    await uploadBackupArtifact(
      folder,
      options({ name: 'stored', retentionDays: 5, compressionLevel: 0 }),
      runner,
      logger,
    )
    const latest = new Date()
    latest.setDate(latest.getDate() + 5)
    await uploadBackupArtifact(folder, options({ name: 'smallest', compressionLevel: 9 }), runner, logger)

    const [stored, smallest] = service.artifacts
    const expiresAt = Date.parse(stored!.expiresAt!)
    assert.ok(expiresAt >= earliest.getTime() - 1000 && expiresAt <= latest.getTime() + 1000, stored!.expiresAt)
    assert.equal(smallest!.expiresAt, undefined)
    // Level 0 makes archiver store every entry; level 9 deflates them.
    assert.deepEqual([...zipMethods(stored!.zip!).values()], Array(5).fill(0))
    assert.equal(zipMethods(smallest!.zip!).get('data/content.json'), 8)
    assert.ok(smallest!.zip!.length < stored!.zip!.length)
    for (const artifact of [stored!, smallest!]) {
      const zipped = readZip(artifact.zip!)
      for (const [name, data] of Object.entries(files)) assert.ok(zipped.get(name)!.equals(data), name)
    }
  })

  it('turns a name already used in this run into one clear error and stores nothing new', async () => {
    await uploadBackupArtifact(folder, options(), runner, logger)
    const first = service.artifacts[0]!
    const firstZip = first.zip!
    await writeFile(path.join(folder, 'data/members.csv'), 'email\nnew@example.com\n')
    const requestsBefore = service.requests.length

    await assert.rejects(
      uploadBackupArtifact(folder, options(), runner, logger),
      (error: unknown) =>
        error instanceof InputError &&
        error.message ===
          `An artifact named '${NAME}' already exists in this workflow run. Set 'overwrite: true' to replace it, ` +
            "or give this backup another 'artifact-name'.",
    )
    const later = service.requests.slice(requestsBefore)
    assert.deepEqual(
      later.map((request) => [request.rpc, request.status]),
      [['CreateArtifact', 409]],
    )
    assert.deepEqual(service.artifacts, [first])
    assert.ok(first.zip!.equals(firstZip))
    assert.deepEqual(service.deleted, [])
  })

  it('replaces the earlier artifact with overwrite: true', async () => {
    // Nothing to replace yet: overwrite is not an error then.
    const first = await uploadBackupArtifact(folder, options({ overwrite: true }), runner, logger)
    await writeFile(path.join(folder, 'data/members.csv'), 'email\nnew@example.com\n')

    const second = await uploadBackupArtifact(folder, options({ overwrite: true }), runner, logger)

    assert.notEqual(second.id, first.id)
    assert.deepEqual(
      service.deleted.map((artifact) => artifact.id),
      [first.id],
    )
    assert.deepEqual(
      service.artifacts.map((artifact) => artifact.id),
      [second.id],
    )
    const zipped = readZip(service.artifacts[0]!.zip!)
    assert.equal(zipped.get('data/members.csv')!.toString(), 'email\nnew@example.com\n')
    assert.equal(second.digest, sha256(service.artifacts[0]!.zip!))
    assert.ok(logged.some((line) => line.includes(`Deleted the earlier artifact '${NAME}' (id ${first.id})`)))
  })

  it('says the runner is needed, and that the backup stays, outside a runner', async () => {
    for (const missing of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL']) {
      Object.assign(process.env, service.env)
      delete process.env[missing]
      await assert.rejects(
        uploadBackupArtifact(folder, options(), runner, logger),
        (error: unknown) =>
          error instanceof ArtifactServiceUnavailableError &&
          error.message.startsWith('The artifact destination needs the GitHub Actions runner') &&
          error.message.endsWith(`nothing was uploaded. The backup stays in '${folder}'.`),
        missing,
      )
    }
    assert.deepEqual(service.requests, [])
  })
})
