import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { getOctokit } from '@actions/github'
import { type GitService, startGitService } from '../support/git-service.js'

const owner = 'ghost-backups'
const repo = 'Site-Backups'
const token = 'ghs_standInToken123'
const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256))

const blobId = (content: Buffer) => createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')

/** Whatever an Octokit call was refused with, as GitHub would say it. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data?: { message?: string } } }
    return { status, message: response?.data?.message ?? '' }
  }
  throw new Error('expected the call to be refused')
}

describe('git service (a stand-in for GitHub Git Data API)', () => {
  let service: GitService
  let octokit: ReturnType<typeof getOctokit>
  const target = { owner, repo }

  before(async () => {
    service = await startGitService({ owner, repo, token })
    octokit = getOctokit(token, { baseUrl: service.apiUrl })
  })
  after(() => service.stop())

  it('refuses requests without the token, like GitHub', async () => {
    const wrong = getOctokit('ghs_wrong', { baseUrl: service.apiUrl })
    assert.deepEqual(await refusal(wrong.rest.repos.get(target)), { status: 401, message: 'Bad credentials' })
    const anonymous = await fetch(`${service.apiUrl}/repos/${owner}/${repo}`)
    assert.equal(anonymous.status, 401)
    const body = (await anonymous.json()) as Record<string, unknown>
    assert.equal(body.message, 'Bad credentials')
    assert.equal(body.status, '401')
    assert.match(String(body.documentation_url), /^https:\/\/docs\.github\.com\//)
  })

  it('describes the repository, public or private', async () => {
    const { data } = await octokit.rest.repos.get({ owner: owner.toUpperCase(), repo })
    assert.equal(data.full_name, `${owner}/${repo}`)
    assert.equal(data.default_branch, 'main')
    assert.equal(data.private, false)
    service.setPrivate(true)
    const hidden = await octokit.rest.repos.get(target)
    assert.equal(hidden.data.private, true)
    assert.equal(hidden.data.visibility, 'private')
    service.setPrivate(false)
    assert.equal((await refusal(octokit.rest.repos.get({ owner, repo: 'other' }))).status, 404)
  })

  it('answers 409 on an empty repository, as GitHub does before the first commit', async () => {
    const expected = { status: 409, message: 'Git Repository is empty.' }
    assert.deepEqual(await refusal(octokit.rest.git.getRef({ ...target, ref: 'heads/main' })), expected)
    assert.deepEqual(await refusal(octokit.rest.git.createBlob({ ...target, content: 'x' })), expected)
  })

  it('stores blobs exactly, from utf-8 and base64, and serves them back', async () => {
    service.commitFiles('main', { 'README.md': '# Backups\n' }, 'Initial commit')
    const text = await octokit.rest.git.createBlob({ ...target, content: 'héllo\n', encoding: 'utf-8' })
    assert.equal(text.status, 201)
    assert.equal(text.data.sha, blobId(Buffer.from('héllo\n')))
    assert.equal(service.git(['cat-file', 'blob', text.data.sha]), 'héllo')
    const bytes = await octokit.rest.git.createBlob({
      ...target,
      content: binary.toString('base64'),
      encoding: 'base64',
    })
    assert.equal(bytes.data.sha, blobId(binary))
    assert.equal(service.git(['cat-file', '-s', bytes.data.sha]), '300')
    const empty = await octokit.rest.git.createBlob({ ...target, content: '', encoding: 'base64' })
    assert.equal(empty.data.sha, 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
    const served = await octokit.rest.git.getBlob({ ...target, file_sha: bytes.data.sha })
    assert.equal(served.data.encoding, 'base64')
    assert.deepEqual(Buffer.from(served.data.content, 'base64'), binary)
    assert.ok(served.data.content.split('\n').every((line) => line.length <= 60))
    assert.equal((await refusal(octokit.rest.git.getBlob({ ...target, file_sha: '0'.repeat(40) }))).status, 404)
  })

  it('builds trees from paths: new, replaced and deleted entries inside subfolders', async () => {
    const first = await octokit.rest.git.createTree({
      ...target,
      tree: [
        { path: 'site/data/content.json', mode: '100644', type: 'blob', content: '{"posts":1}' },
        { path: 'site/images/2024/a.png', mode: '100644', type: 'blob', sha: blobId(binary) },
        { path: 'site/images/2024/old.png', mode: '100644', type: 'blob', content: 'old' },
        { path: 'site/media/clip.mp4', mode: '100644', type: 'blob', content: 'clip' },
        { path: 'other/keep.txt', mode: '100644', type: 'blob', content: 'keep' },
      ],
    })
    assert.equal(first.status, 201)
    assert.deepEqual(
      first.data.tree.map((entry) => [entry.path, entry.type]),
      [
        ['other', 'tree'],
        ['site', 'tree'],
      ],
    )
    const second = await octokit.rest.git.createTree({
      ...target,
      base_tree: first.data.sha,
      tree: [
        { path: 'site/data/content.json', mode: '100644', type: 'blob', content: '{"posts":2}' },
        { path: 'site/images/2024/old.png', mode: '100644', type: 'blob', sha: null },
        { path: 'site/media/clip.mp4', mode: '100644', type: 'blob', sha: null },
        { path: 'site/files/new.pdf', mode: '100644', type: 'blob', content: 'pdf' },
      ],
    })
    const files = service.git(['ls-tree', '-r', '--name-only', second.data.sha]).split('\n')
    assert.deepEqual(files, [
      'other/keep.txt',
      'site/data/content.json',
      'site/files/new.pdf',
      'site/images/2024/a.png',
    ])
    assert.equal(service.git(['cat-file', 'blob', `${second.data.sha}:site/data/content.json`]), '{"posts":2}')
    // Untouched folders are the very same tree objects, as in git.
    assert.equal(
      service.git(['rev-parse', `${second.data.sha}:other`]),
      service.git(['rev-parse', `${first.data.sha}:other`]),
    )
    const gone = await refusal(
      octokit.rest.git.createTree({
        ...target,
        base_tree: second.data.sha,
        tree: [{ path: 'site/media/clip.mp4', mode: '100644', type: 'blob', sha: null }],
      }),
    )
    assert.equal(gone.status, 422)
    const listing = await octokit.rest.git.getTree({ ...target, tree_sha: second.data.sha, recursive: '1' })
    assert.equal(listing.data.truncated, false)
    const image = listing.data.tree.find((entry) => entry.path === 'site/images/2024/a.png')
    assert.deepEqual([image?.type, image?.size, image?.sha], ['blob', 300, blobId(binary)])
    assert.ok(listing.data.tree.some((entry) => entry.path === 'site/images' && entry.type === 'tree'))
    const top = await octokit.rest.git.getTree({ ...target, tree_sha: second.data.sha })
    assert.deepEqual(
      top.data.tree.map((entry) => entry.path),
      ['other', 'site'],
    )
  })

  it('refuses trees that name missing objects or hold bad paths', async () => {
    const missingBlob = octokit.rest.git.createTree({
      ...target,
      tree: [{ path: 'a.txt', mode: '100644', type: 'blob', sha: '1'.repeat(40) }],
    })
    assert.equal((await refusal(missingBlob)).status, 422)
    const climbing = octokit.rest.git.createTree({
      ...target,
      tree: [{ path: 'a/../b.txt', mode: '100644', type: 'blob', content: 'x' }],
    })
    assert.equal((await refusal(climbing)).status, 422)
  })

  it('creates commits and moves refs only forward unless forced', async () => {
    const main = (await octokit.rest.git.getRef({ ...target, ref: 'heads/main' })).data.object.sha
    const base = (await octokit.rest.git.getCommit({ ...target, commit_sha: main })).data
    assert.equal(base.sha, main)
    assert.equal(base.verification?.verified, false)
    const tree = await octokit.rest.git.createTree({
      ...target,
      base_tree: base.tree.sha,
      tree: [{ path: 'site/manifest.json', mode: '100644', type: 'blob', content: '{}' }],
    })
    const commit = await octokit.rest.git.createCommit({
      ...target,
      message: 'Back up example.com',
      tree: tree.data.sha,
      parents: [main],
    })
    assert.equal(commit.status, 201)
    assert.equal(commit.data.verification?.verified, true)
    assert.equal(commit.data.html_url, `${service.apiUrl}/${owner}/${repo}/commit/${commit.data.sha}`)
    assert.equal(service.git(['rev-parse', `${commit.data.sha}^`]), main)
    assert.equal(service.git(['log', '-1', '--format=%s', commit.data.sha]), 'Back up example.com')
    const read = await octokit.rest.git.getCommit({ ...target, commit_sha: commit.data.sha })
    assert.deepEqual(
      read.data.parents.map((parent) => parent.sha),
      [main],
    )
    assert.equal(read.data.message, 'Back up example.com')

    assert.equal((await octokit.rest.git.getRef({ ...target, ref: 'heads/backups' }).catch((e) => e)).status, 404)
    const created = await octokit.rest.git.createRef({ ...target, ref: 'refs/heads/backups', sha: main })
    assert.equal(created.status, 201)
    assert.equal(service.git(['rev-parse', 'refs/heads/backups']), main)
    const again = await refusal(octokit.rest.git.createRef({ ...target, ref: 'refs/heads/backups', sha: main }))
    assert.deepEqual(again, { status: 422, message: 'Reference already exists' })

    const forward = await octokit.rest.git.updateRef({ ...target, ref: 'heads/backups', sha: commit.data.sha })
    assert.equal(forward.data.object.sha, commit.data.sha)
    const back = await refusal(octokit.rest.git.updateRef({ ...target, ref: 'heads/backups', sha: main }))
    assert.deepEqual(back, { status: 422, message: 'Update is not a fast forward' })
    assert.equal(service.git(['rev-parse', 'refs/heads/backups']), commit.data.sha)
    await octokit.rest.git.updateRef({ ...target, ref: 'heads/backups', sha: main, force: true })
    assert.equal(service.git(['rev-parse', 'refs/heads/backups']), main)
    const unknown = await refusal(octokit.rest.git.updateRef({ ...target, ref: 'heads/nope', sha: main }))
    assert.deepEqual(unknown, { status: 422, message: 'Reference does not exist' })
  })

  it('lets a test move the branch just before a client updates it', async () => {
    const head = service.git(['rev-parse', 'refs/heads/backups'])
    const mine = await octokit.rest.git.createCommit({
      ...target,
      message: 'mine',
      tree: service.git(['rev-parse', `${head}^{tree}`]),
      parents: [head],
    })
    let theirs = ''
    service.onBeforeUpdateRef(() => {
      theirs = service.commitFiles('backups', { 'site/other.txt': 'someone else' }, 'theirs')
    })
    const refused = await refusal(octokit.rest.git.updateRef({ ...target, ref: 'heads/backups', sha: mine.data.sha }))
    assert.deepEqual(refused, { status: 422, message: 'Update is not a fast forward' })
    assert.equal(service.git(['rev-parse', 'refs/heads/backups']), theirs)
    assert.equal(service.git(['rev-parse', `${theirs}^`]), head)
  })

  it('serves the tarball of a ref through a redirect, under one top folder', async () => {
    const sha = service.commitFiles('tarred', { 'site/a.txt': 'A', 'site/deep/b.bin': binary, 'site/empty': '' }, 'x')
    const response = await octokit.rest.repos.downloadTarballArchive({ ...target, ref: 'tarred' })
    assert.equal(response.status, 200)
    const folder = mkdtempSync(join(tmpdir(), 'git-service-test-'))
    try {
      writeFileSync(join(folder, 'archive.tar'), gunzipSync(Buffer.from(response.data as ArrayBuffer)))
      const top = `${owner}-${repo}-${sha.slice(0, 7)}`
      const names = execFileSync('tar', ['-tf', 'archive.tar'], { cwd: folder }).toString().trim().split('\n')
      assert.deepEqual(names.sort(), [
        `${top}/`,
        `${top}/site/`,
        `${top}/site/a.txt`,
        `${top}/site/deep/`,
        `${top}/site/deep/b.bin`,
        `${top}/site/empty`,
      ])
      execFileSync('tar', ['-xf', 'archive.tar'], { cwd: folder })
      assert.deepEqual(readFileSync(join(folder, top, 'site/deep/b.bin')), binary)
      // git archive records the commit in a pax global header, as GitHub's tarballs do.
      assert.equal(
        execFileSync('git', ['get-tar-commit-id'], { input: readFileSync(join(folder, 'archive.tar')) })
          .toString()
          .trim(),
        sha,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    const redirect = service.requests.find((r) => r.path === `/repos/${owner}/${repo}/tarball/tarred`)
    assert.equal(redirect?.status, 302)
    assert.equal((await refusal(octokit.rest.repos.downloadTarballArchive({ ...target, ref: 'nope' }))).status, 404)
  })

  it('links private tarballs with a download token instead of the credentials', async () => {
    service.setPrivate(true)
    try {
      const response = await octokit.rest.repos.downloadTarballArchive({ ...target, ref: 'tarred' })
      assert.equal(response.status, 200)
      const link = `${service.apiUrl}/_codeload/${owner}/${repo}/legacy.tar.gz/refs/heads/tarred`
      assert.equal((await fetch(link)).status, 404)
      assert.match(response.url, /\?token=[0-9a-f]+$/)
    } finally {
      service.setPrivate(false)
    }
  })

  it('records every request with its status and body size', () => {
    const blobs = service.requests.filter((r) => r.method === 'POST' && r.path === `/repos/${owner}/${repo}/git/blobs`)
    assert.ok(blobs.length >= 3)
    assert.ok(blobs.some((r) => r.status === 201 && r.bodySize > 400))
    assert.ok(service.requests.some((r) => r.status === 409))
  })
})
