import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { restoreBackup } from '../../src/restore/restore-backup.js'
import { FakeGhost, ghostError, json } from '../support/fake-ghost.js'
import { MEMBERS_HEADER, PNG, writeFakeBackup } from './fake-backup.js'
import { changes, freshSite, restoreOptions, type SiteState, serveSite, testDependencies } from './fake-site.js'

/** What Ghost's content import adds: the backup's two posts, its tag and the `#Import` tag. */
function importTwoPosts(state: SiteState): void {
  state.posts.push({ id: 'n1', slug: 'welcome' })
  state.pages.push({ id: 'n2', slug: 'about-us' })
  state.tags.push(
    { id: 'n3', slug: 'news', name: 'News' },
    { id: 'n4', slug: 'hash-import', name: '#Import 2026-01-01 10:00' },
  )
  state.title = 'Old Site'
}

describe('restoreBackup against a stand-in Ghost', () => {
  let ghost: FakeGhost
  let state: SiteState
  // A stand-in per test: its prefix routes cannot be replaced, and each test has its own site.
  beforeEach(async () => {
    ghost = await FakeGhost.start()
    state = freshSite()
  })
  afterEach(() => ghost.stop())

  it('refuses a site that already has content and sends nothing', async () => {
    state.posts.push({ id: 'mine', slug: 'my-own-post' })
    state.members = 3
    serveSite(ghost, state, { importContent: importTwoPosts })
    const dir = await writeFakeBackup()
    await assert.rejects(
      restoreBackup(dir, restoreOptions(ghost.url), testDependencies()),
      /already has content \(2 posts, 3 members\).*Restore with 'force'/,
    )
    assert.deepEqual(changes(ghost), [])
  })

  it('in a dry run lists each request with its part, endpoint, file and size, and sends nothing', async () => {
    serveSite(ghost, state)
    const dir = await writeFakeBackup({
      members: ['1,a@example.com,A,,true,false,,2026-01-01,,VIP,'],
      files: { 'images/2026/01/photo.png': PNG },
      themes: ['mine'],
      activeTheme: 'mine',
    })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { dryRun: true }), testDependencies())
    assert.deepEqual(changes(ghost), [])
    assert.ok(report.dryRun && report.ok)
    const listed = report.requests.map((r) => `${r.part} ${r.method} ${r.endpoint} ${r.file}`)
    assert.deepEqual(listed, [
      'themes POST /themes/upload/ themes/mine.zip',
      'themes PUT /themes/mine/activate/ mine',
      'content DELETE /posts/sample-post/ coming-soon',
      'content DELETE /pages/sample-page/ about',
      'content DELETE /tags/sample-tag/ news',
      'content POST /db/ data/content.json',
      'images POST /db/ site-files-1.zip',
      'members POST /members/upload/ data/members.csv',
      'settings POST /settings/routes/yaml/ settings/routes.yaml',
      'settings POST /redirects/upload/ settings/redirects.yaml',
    ])
    const zip = report.requests.find((r) => r.file === 'site-files-1.zip')!
    assert.deepEqual(zip.contains, ['images/2026/01/photo.png'])
    assert.equal(zip.size, 22 + 30 + 46 + 2 * 'images/2026/01/photo.png'.length + PNG.length)
    assert.ok(report.parts.every((part) => part.status === 'planned'))
  })

  it('says plainly that Ghost refuses DELETE /db/ to staff tokens, and restores nothing', async () => {
    serveSite(ghost, state, {
      wipe: (res) =>
        json(res, 403, ghostError('NoPermissionError', 'You do not have permission to deleteAllContent db')),
    })
    const dir = await writeFakeBackup()
    await assert.rejects(
      restoreBackup(dir, restoreOptions(ghost.url, { wipe: true }), testDependencies()),
      /refused to delete the site's content \(DELETE \/db\/, HTTP 403\): it does not let staff access tokens/,
    )
    assert.deepEqual(changes(ghost), ['DELETE /ghost/api/admin/db/'])
  })

  it('never calls DELETE /db/ without wipe', async () => {
    serveSite(ghost, state, { importContent: importTwoPosts })
    await restoreBackup(await writeFakeBackup(), restoreOptions(ghost.url), testDependencies())
    assert.ok(!changes(ghost).includes('DELETE /ghost/api/admin/db/'))
  })

  it('restores content into a fresh site, removing the sample content and the #Import tag', async () => {
    serveSite(ghost, state, { importContent: importTwoPosts })
    const dir = await writeFakeBackup()
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['content'] }), testDependencies())
    const content = report.parts.find((part) => part.part === 'content')!
    assert.equal(content.status, 'restored', content.details.join('\n'))
    assert.deepEqual(
      state.tags.map((tag) => tag.slug),
      ['news'],
    )
    assert.deepEqual(changes(ghost), [
      'DELETE /ghost/api/admin/posts/sample-post/',
      'DELETE /ghost/api/admin/pages/sample-page/',
      'DELETE /ghost/api/admin/tags/sample-tag/',
      'POST /ghost/api/admin/db/',
      'DELETE /ghost/api/admin/tags/n4/',
      'PUT /ghost/api/admin/users/owner/',
    ])
    assert.ok(report.notRestored.some((line) => /Staff passwords: Ghost locks every staff user it imports/.test(line)))
  })

  it('stops when the content import does not finish, naming what was expected', async () => {
    serveSite(ghost, state)
    const dir = await writeFakeBackup({ members: ['1,a@example.com,A,,true,false,,2026-01-01,,,'] })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { importTimeoutMs: 5000 }), testDependencies())
    assert.equal(report.ok, false)
    const content = report.parts.find((part) => part.part === 'content')!
    assert.equal(content.status, 'failed')
    assert.match(
      content.details.at(-1)!,
      /had not imported the content after 5 s: the site has 0 posts and pages, 2 were expected/,
    )
    const members = report.parts.find((part) => part.part === 'members')!
    assert.deepEqual(
      [members.status, members.details],
      ['failed', ['Not attempted: the content import did not finish.']],
    )
    assert.ok(!changes(ghost).some((change) => change.includes('members/upload')))
  })

  it('merges into a site with content when forced, and reports slugs Ghost renamed', async () => {
    state.posts.push({ id: 'mine', slug: 'welcome' })
    serveSite(ghost, state, {
      importContent: (site) => site.posts.push({ id: 'n1', slug: 'welcome-2' }, { id: 'n2', slug: 'about-us' }),
    })
    const dir = await writeFakeBackup()
    const report = await restoreBackup(
      dir,
      restoreOptions(ghost.url, { parts: ['content'], force: true }),
      testDependencies(),
    )
    const content = report.parts.find((part) => part.part === 'content')!
    assert.equal(content.status, 'incomplete')
    assert.ok(
      content.details.some((line) => line.includes('welcome -> welcome-2')),
      content.details.join('\n'),
    )
    assert.ok(
      !changes(ghost).includes('DELETE /ghost/api/admin/posts/sample-post/'),
      'sample content stays on a forced merge',
    )
  })

  it('sends images in a zip and waits until the site serves them with the same bytes', async () => {
    let served = 0
    serveSite(ghost, state, {
      importFiles: (site) => {
        // The background job stores the files a little after Ghost answers.
        setImmediate(() => site.served.set('/content/images/2026/01/photo.png', PNG))
        served++
        return false
      },
    })
    const dir = await writeFakeBackup({ files: { 'images/2026/01/photo.png': PNG } })
    const report = await restoreBackup(
      dir,
      restoreOptions(ghost.url, { parts: ['images'], force: true }),
      testDependencies(),
    )
    assert.equal(served, 1)
    const images = report.parts.find((part) => part.part === 'images')!
    assert.equal(images.status, 'restored', images.details.join('\n'))
    const zip = ghost.requests.find((r) => r.method === 'POST' && r.path.endsWith('/db/'))!
    assert.match(String(zip.headers['content-type']), /^multipart\/form-data; boundary=/)
    assert.match(zip.body, /name="importfile"; filename="site-files-1.zip"\r\nContent-Type: application\/zip/)
    assert.ok(zip.body.includes('images/2026/01/photo.png'))
  })

  it('does not send a file the site already serves, and reports one with other bytes at its path', async () => {
    state.served.set('/content/images/2026/01/same.png', PNG)
    state.served.set('/content/images/2026/01/other.png', Buffer.from('not the same'))
    serveSite(ghost, state)
    const dir = await writeFakeBackup({ files: { 'images/2026/01/same.png': PNG, 'images/2026/01/other.png': PNG } })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['images'] }), testDependencies())
    assert.deepEqual(changes(ghost), [])
    const images = report.parts.find((part) => part.part === 'images')!
    assert.equal(images.status, 'incomplete')
    assert.ok(images.details.some((line) => /other.png: the site already has another file at this path/.test(line)))
    assert.ok(images.details.some((line) => /1 images were already on the site with the same bytes/.test(line)))
  })

  it('splits a zip the server refuses as too large (413) and sends the halves', async () => {
    const sizes: number[] = []
    serveSite(ghost, state, {
      importFiles: (site, request, res) => {
        const length = Number(request.headers['content-length'])
        sizes.push(length)
        if (length > 550) {
          res
            .writeHead(413, { 'Content-Type': 'text/html' })
            .end('<html><title>413 Request Entity Too Large</title></html>')
          return true
        }
        for (const name of ['a', 'b']) {
          if (request.body.includes(`${name}.png`)) site.served.set(`/content/images/2026/01/${name}.png`, PNG)
        }
        return false
      },
    })
    const dir = await writeFakeBackup({ files: { 'images/2026/01/a.png': PNG, 'images/2026/01/b.png': PNG } })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['images'] }), testDependencies())
    assert.equal(sizes.length, 3)
    assert.ok(sizes[0]! > 550 && sizes[1]! <= 550 && sizes[2]! <= 550, String(sizes))
    assert.equal(report.parts[0]!.status, 'restored', report.parts[0]!.details.join('\n'))
  })

  it('uploads members without Stripe customers and reports the rows Ghost refused', async () => {
    serveSite(ghost, state, {
      uploadMembers: (site, rows, res) => {
        site.members += rows - 1
        json(res, 201, {
          meta: { stats: { imported: rows - 1, invalid: [{ email: 'b@example.com', error: 'Invalid email' }] } },
        })
      },
    })
    const dir = await writeFakeBackup({
      members: [
        '1,a@example.com,A,,true,false,cus_123,2026-01-01,,"VIP,Press",',
        '2,b@example.com,B,,true,false,,2026-01-01,,,',
      ],
    })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['members'] }), testDependencies())
    const upload = ghost.requests.find((r) => r.path.endsWith('/members/upload/'))!
    assert.match(upload.body, /name="membersfile"; filename="members.csv"\r\nContent-Type: text\/csv/)
    assert.ok(upload.body.includes(`${MEMBERS_HEADER}\n1,a@example.com,A,,true,false,,2026-01-01,,"VIP,Press",\n`))
    const members = report.parts[0]!
    assert.equal(members.status, 'incomplete')
    assert.ok(
      members.details.includes('Ghost imported 1 of 2 members, with their labels, notes and email subscription.'),
    )
    assert.ok(members.details.some((line) => /refused 1 members \(Invalid email\): b@example.com/.test(line)))
    assert.ok(members.details.some((line) => /1 members had a Stripe customer/.test(line)))
  })

  it('reports a theme Ghost refuses and does not activate it', async () => {
    serveSite(ghost, state)
    ghost.on('POST', 'themes/upload/', (_req, res) =>
      json(res, 422, ghostError('ValidationError', 'Theme is not compatible or contains errors.')),
    )
    const dir = await writeFakeBackup({ themes: ['broken'], activeTheme: 'broken' })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['themes'] }), testDependencies())
    assert.equal(report.parts[0]!.status, 'incomplete')
    assert.match(report.parts[0]!.details.join('\n'), /Ghost refused the theme broken: .*not compatible/)
    assert.ok(!changes(ghost).some((change) => change.includes('/activate/')))
  })

  it('names the staff Ghost imported, locked until they reset their password', async () => {
    serveSite(ghost, state, {
      importContent: (site) => {
        importTwoPosts(site)
        site.users.push({ id: 'new', email: 'admin@example.com', slug: 'admin', status: 'locked' })
      },
    })
    const dir = await writeFakeBackup({ users: ['owner@example.com', 'admin@example.com'] })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['content'] }), testDependencies())
    const details = report.parts[0]!.details.join('\n')
    assert.match(details, /Imported 1 staff users, whom Ghost locks with a random password .*: admin@example.com\./)
    assert.match(details, /their public profile .* was set from the backup: owner@example.com\./)
  })

  it('puts a video thumbnail beside its video with PUT /media/thumbnail/upload/', async () => {
    serveSite(ghost, state)
    ghost.on('PUT', 'media/thumbnail/upload/', (_req, res) => {
      state.served.set('/content/media/2026/01/clip_thumb.jpg', PNG)
      json(res, 200, { media: [{}] })
    })
    const dir = await writeFakeBackup({ files: { 'media/2026/01/clip_thumb.jpg': PNG } })
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['media'] }), testDependencies())
    assert.deepEqual(changes(ghost), ['PUT /ghost/api/admin/media/thumbnail/upload/'])
    const upload = ghost.requests.find((r) => r.method === 'PUT')!
    assert.match(upload.body, new RegExp(`name="url"\r\n\r\n${ghost.url}content/media/2026/01/clip_thumb.jpg\r\n`))
    assert.match(upload.body, /name="file"; filename="clip_thumb.jpg"\r\nContent-Type: image\/jpeg/)
    assert.deepEqual(report.parts[0]!.details, ['Put back 1 video thumbnails beside their videos.'])
  })

  it('does not send a file that changed since the backup was made', async () => {
    serveSite(ghost, state)
    const dir = await writeFakeBackup({ files: { 'images/2026/01/a.png': PNG } })
    await writeFile(path.join(dir, 'images/2026/01/a.png'), Buffer.from('tampered'))
    const report = await restoreBackup(dir, restoreOptions(ghost.url, { parts: ['images'] }), testDependencies())
    assert.deepEqual(changes(ghost), [])
    assert.match(report.parts[0]!.details.join('\n'), /a.png differs from the file the backup recorded/)
  })

  it('refuses parts the backup does not hold', async () => {
    serveSite(ghost, state)
    const dir = await writeFakeBackup()
    await assert.rejects(
      restoreBackup(dir, restoreOptions(ghost.url, { parts: ['images'] }), testDependencies()),
      /The backup holds no images\. It holds: content, members, settings\./,
    )
  })
})
