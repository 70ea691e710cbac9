import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createGunzip } from 'node:zlib'
import { readTar, type TarEntry } from '../../src/util/tar.js'

const longFolders = `site/${'d'.repeat(70)}/${'e'.repeat(70)}/file.txt`
const longName = `site/${'f'.repeat(120)}.txt`
const binary = randomBytes(200_000)
const files: Record<string, Buffer> = {
  'site/empty.txt': Buffer.alloc(0),
  'site/café/naïve-文件.txt': Buffer.from('unicode ✓'),
  'site/deep/a/b/c/d.bin': binary,
  [longFolders]: Buffer.from('long folders'),
  [longName]: Buffer.from('long name'),
}

interface Seen {
  type: TarEntry['type']
  size: number
  content?: Buffer
}

/** Every entry of an archive, with the bytes of each file. */
async function readAll(input: Readable): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>()
  await readTar(input, async (entry) => {
    const chunks: Buffer[] = []
    for await (const chunk of entry.body) chunks.push(chunk as Buffer)
    const content = Buffer.concat(chunks)
    seen.set(entry.path, { type: entry.type, size: entry.size, ...(entry.type === 'file' && { content }) })
  })
  return seen
}

function assertFiles(seen: Map<string, Seen>, expected: Record<string, Buffer>, prefix = ''): void {
  for (const [path, content] of Object.entries(expected)) {
    const entry = seen.get(prefix + path)
    assert.ok(entry, `missing ${prefix + path}; saw ${[...seen.keys()].join(', ')}`)
    assert.equal(entry.type, 'file')
    assert.equal(entry.size, content.length)
    assert.deepEqual(entry.content, content, path)
  }
}

describe('readTar', () => {
  let work: string
  const source = () => join(work, 'source')
  const tarOf = (name: string, args: string[], paths = ['site']) => {
    execFileSync('tar', ['-C', source(), '-cf', join(work, name), ...args, ...paths])
    return join(work, name)
  }

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'tar-test-'))
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(source(), path)), { recursive: true })
      writeFileSync(join(source(), path), content)
    }
    symlinkSync('empty.txt', join(source(), 'site/link'))
  })
  after(() => rmSync(work, { recursive: true, force: true }))

  for (const format of ['gnu', 'pax']) {
    it(`reads what tar --format=${format} writes: long and unicode names, empty files, folders, links`, async () => {
      const seen = await readAll(createReadStream(tarOf(`${format}.tar`, [`--format=${format}`])))
      assertFiles(seen, files)
      assert.equal(seen.get('site/deep/a/b')?.type, 'directory')
      assert.equal(seen.get('site')?.type, 'directory')
      assert.equal(seen.get('site/link')?.type, 'other')
      assert.ok(![...seen.keys()].some((path) => path.includes('PaxHeaders') || path.includes('LongLink')))
    })
  }

  it('reads ustar, whose long paths are split into prefix and name', async () => {
    // ustar cannot hold a file name over 100 bytes at all.
    const fitting = Object.fromEntries(Object.entries(files).filter(([path]) => path !== longName))
    const paths = Object.keys(fitting)
    const seen = await readAll(createReadStream(tarOf('ustar.tar', ['--format=ustar'], paths)))
    assertFiles(seen, fitting)
  })

  it('reads git archive output: pax path records and the global header are applied, not listed', async () => {
    const repo = join(work, 'repo')
    execFileSync('cp', ['-r', source(), repo])
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@e',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@e',
        },
      })
    git('init', '--quiet')
    git('add', '.')
    git('commit', '--quiet', '-m', 'x')
    const archive = git('archive', '--format=tar', '--prefix=owner-repo-abc1234/', 'HEAD')
    const seen = await readAll(Readable.from([archive]))
    assertFiles(seen, files, 'owner-repo-abc1234/')
    assert.equal(seen.get('owner-repo-abc1234')?.type, 'directory')
    assert.equal(seen.get('owner-repo-abc1234/site/link')?.type, 'other')
    assert.ok(![...seen.keys()].some((path) => path.includes('pax_global_header')))
  })

  it('reads through gunzip, in whatever pieces the stream delivers', async () => {
    const packed = join(work, 'packed.tar.gz')
    execFileSync('tar', ['-C', source(), '-czf', packed, 'site'])
    assertFiles(await readAll(createReadStream(packed).pipe(createGunzip())), files)
    const oneByteAtATime = Readable.from(
      (function* () {
        const bytes = readFileSync(tarOf('small.tar', [], ['site/café', 'site/empty.txt']))
        for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1)
      })(),
    )
    const seen = await readAll(oneByteAtATime)
    assert.deepEqual(seen.get('site/café/naïve-文件.txt')?.content, files['site/café/naïve-文件.txt'])
  })

  it('skips the bodies a handler leaves unread', async () => {
    const sizes = new Map<string, number>()
    await readTar(createReadStream(tarOf('skip.tar', [])), async (entry) => {
      if (!entry.path.endsWith('.bin')) return
      let size = 0
      for await (const chunk of entry.body) size += (chunk as Buffer).length
      sizes.set(entry.path, size)
    })
    assert.deepEqual([...sizes], [['site/deep/a/b/c/d.bin', binary.length]])
  })

  it('reads no further than the handler consumes, so memory stays flat', async () => {
    const big = join(source(), 'big.bin')
    writeFileSync(big, '')
    truncateSync(big, 32 * 1024 * 1024)
    const archive = readFileSync(tarOf('big.tar', [], ['big.bin']))
    rmSync(big)
    let produced = 0
    const input = Readable.from(
      (function* () {
        for (let offset = 0; offset < archive.length; offset += 65536) {
          produced += Math.min(65536, archive.length - offset)
          yield archive.subarray(offset, offset + 65536)
        }
      })(),
    )
    let producedWhileWaiting = 0
    let received = 0
    await readTar(input, async (entry) => {
      // The source is in memory: a reader without back-pressure would pull all of it in these turns.
      for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve))
      producedWhileWaiting = produced
      for await (const chunk of entry.body) received += (chunk as Buffer).length
    })
    assert.equal(received, 32 * 1024 * 1024)
    assert.ok(producedWhileWaiting < 1024 * 1024, `read ${producedWhileWaiting} bytes ahead of the handler`)
  })

  it('rejects a damaged header, a cut archive, and passes on a failing handler', async () => {
    const whole = readFileSync(tarOf('damaged.tar', [], ['site/deep']))
    const damaged = Buffer.from(whole)
    damaged[3] = damaged[3]! ^ 0x20
    await assert.rejects(readAll(Readable.from([damaged])), /checksum/)
    const cut = whole.subarray(0, whole.indexOf(binary.subarray(0, 64)) + 1000)
    await assert.rejects(readAll(Readable.from([cut])), /cut short/)
    await assert.rejects(readAll(Readable.from([whole.subarray(0, 1536)])), /cut short/)
    await assert.rejects(
      readTar(Readable.from([whole]), async () => {
        throw new Error('disk full')
      }),
      /disk full/,
    )
  })
})
