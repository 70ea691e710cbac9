import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { adminRequest, expectStatus, type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { runAction } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { readZip } from '../support/unzip.js'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('a complete backup on real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  before(async () => {
    const started = await Promise.all(MAJORS.map((major) => startSeededGhost({ major })))
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(() => Promise.all([...sites.values()].map((ghost) => ghost.site.stop())))

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      let backup: string
      let outputs: Record<string, string>
      before(async () => {
        const { site, staff } = sites.get(major)!
        const run = await runAction({ url: site.url, 'staff-token': staff.owner.token })
        assert.equal(run.code, 0, run.stdout)
        backup = run.outputs.path!
        outputs = run.outputs
      })

      it('holds every uploaded image, media file and file, byte for byte', () => {
        const { seed } = sites.get(major)!
        assert.ok(seed.uploads.some((upload) => upload.kind === 'media'))
        assert.ok(seed.uploads.some((upload) => upload.kind === 'files'))
        for (const upload of seed.uploads) {
          const exact = upload.resized ? upload.originalPath! : upload.path
          const saved = path.join(backup, upload.kind, exact)
          assert.ok(existsSync(saved), `${upload.kind}/${exact}`)
          assert.equal(sha256(readFileSync(saved)), upload.sha256, `${upload.kind}/${exact}`)
          if (upload.originalPath) assert.ok(existsSync(path.join(backup, 'images', upload.originalPath)))
        }
      })

      it('matches what the server serves, file by file, as the manifest records', async () => {
        const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'))
        const media = manifest.files.filter((file: { path: string }) => /^(images|media|files)\//.test(file.path))
        assert.ok(media.length >= sites.get(major)!.seed.uploads.length)
        for (const file of media) {
          const served = Buffer.from(await (await fetch(file.source)).arrayBuffer())
          const saved = readFileSync(path.join(backup, file.path))
          assert.equal(sha256(saved), file.sha256, file.path)
          assert.equal(sha256(served), file.sha256, file.path)
          assert.equal(saved.length, file.size)
        }
      })

      it('holds every member with their labels', () => {
        const csv = readFileSync(path.join(backup, 'data/members.csv'), 'utf8')
        const { members } = sites.get(major)!.seed
        for (const member of members) {
          const line = csv.split('\n').find((row) => row.includes(member.email))
          assert.ok(line, member.email)
          for (const label of member.labels) assert.ok(line.includes(label), `${member.email} ${label}`)
        }
        assert.equal(outputs.members, String(members.length))
      })

      it('holds the custom theme, which is recorded as active', () => {
        const { seed } = sites.get(major)!
        const saved = readZip(readFileSync(path.join(backup, `themes/${seed.theme.name}.zip`)))
        const uploaded = readZip(seed.theme.zip)
        const strip = (name: string) => name.replace(/^[^/]+\//, '')
        const savedByName = new Map([...saved].map(([name, bytes]) => [strip(name), bytes]))
        for (const [name, bytes] of uploaded) assert.deepEqual(savedByName.get(strip(name)), bytes, name)
        const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'))
        assert.equal(manifest.activeTheme, seed.theme.name)
        assert.ok(!readdirSync(path.join(backup, 'themes')).includes('casper.zip'), "Ghost's own theme is left out")
      })

      it('holds routes.yaml and the redirects as uploaded', () => {
        const { seed } = sites.get(major)!
        assert.equal(readFileSync(path.join(backup, 'settings/routes.yaml'), 'utf8'), seed.routesYaml)
        assert.equal(
          readFileSync(path.join(backup, `settings/${seed.redirects.fileName}`), 'utf8'),
          seed.redirects.body,
        )
      })

      it('counts what it saved in the outputs and the manifest', () => {
        const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'))
        for (const name of ['posts', 'pages', 'members', 'themes', 'images', 'media', 'files']) {
          assert.equal(outputs[name], String(manifest.counts[name]), name)
        }
        assert.equal(outputs['missing-files'], '0')
        const onDisk = manifest.files.reduce((sum: number, file: { size: number }) => sum + file.size, 0)
        assert.equal(outputs.size, String(onDisk))
        assert.deepEqual(manifest.parts, ['content', 'members', 'themes', 'settings', 'images', 'media', 'files'])
      })

      it('records a referenced file deleted from disk as missing and still succeeds', async () => {
        const { site, staff, seed } = sites.get(major)!
        const victim = seed.uploads.find((upload) => upload.kind === 'files')!
        await rm(path.join(site.contentDir, 'files', victim.path))
        const run = await runAction({ url: site.url, 'staff-token': staff.owner.token, exclude: 'members,themes' })
        assert.equal(run.code, 0, run.stdout)
        assert.equal(run.outputs['missing-files'], '1')
        assert.match(
          run.stdout,
          new RegExp(`::warning::Missing on the server \\(HTTP 404\\): .*${path.basename(victim.path)}`),
        )
        const manifest = JSON.parse(readFileSync(path.join(run.outputs.path!, 'manifest.json'), 'utf8'))
        assert.deepEqual(
          manifest.missing.map((file: { path: string }) => file.path),
          [`files/${victim.path}`],
        )
        assert.match(run.summary, /1 referenced files are missing/)
      })

      it('never writes outside the backup for references that try to', async () => {
        const { site, staff } = sites.get(major)!
        const html = [
          '<img src="__GHOST_URL__/content/images/../../../../escaped.png">',
          '<img src="__GHOST_URL__/content/images/%2e%2e/%2e%2e/escaped2.png">',
          `<a href="${site.url}content/files/..%2F..%2Fescaped3.pdf">x</a>`,
        ].join('')
        const created = await adminRequest(site, staff.owner.token, 'POST', 'posts/?source=html', {
          posts: [{ title: `Traversal ${major}`, html, status: 'draft' }],
        })
        expectStatus(created, 201, 'create post')
        const run = await runAction({
          url: site.url,
          'staff-token': staff.owner.token,
          include: 'content,images,files',
        })
        assert.equal(run.code, 0, run.stdout)
        assert.deepEqual(readdirSync(run.workspace), ['ghost-backup'])
        const manifest = JSON.parse(readFileSync(path.join(run.outputs.path!, 'manifest.json'), 'utf8'))
        assert.ok(manifest.unsafe.length >= 2, JSON.stringify(manifest.unsafe))
        assert.ok(!manifest.files.some((file: { path: string }) => file.path.includes('escaped')))
      })
    })
  }
})
