import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { devNull, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGzip } from 'node:zlib'

export interface RecordedGitRequest {
  method: string
  /** The path as sent, without the query. */
  path: string
  status: number
  /** Bytes in the request body. */
  bodySize: number
}

export interface GitService {
  /** The REST API's base URL: `getOctokit(token, { baseUrl: apiUrl })`, or GITHUB_API_URL. */
  apiUrl: string
  /** The bare repository behind the API. */
  gitDir: string
  requests: RecordedGitRequest[]
  /** Runs git in the bare repository; its stdout without the last newline. */
  git(args: string[]): string
  /** Commits files (null removes one) on top of the branch, as a push would; returns the commit. */
  commitFiles(branch: string, files: Record<string, string | Buffer | null>, message: string): string
  /** Runs `hook` once, just before the next ref is created or updated through the API. */
  onBeforeUpdateRef(hook: () => void | Promise<void>): void
  setPrivate(flag: boolean): void
  stop(): Promise<void>
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> }
type Body = Record<string, unknown>
type Route = (rest: string[], body: Body, query: URLSearchParams) => Reply | Promise<Reply>
type Item = { mode: string; type: string; sha: string }
type Person = { name: string; email: string; date?: string }

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const SHA = /^[0-9a-f]{40}$/
const MODES: Record<string, string[]> = { blob: ['100644', '100755', '120000'], tree: ['040000'], commit: ['160000'] }
/** Who GitHub makes author and committer of an API commit that names neither (it then signs it). */
const BOT: Person = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' }
const WEB_FLOW: Person = { name: 'GitHub', email: 'noreply@github.com' }
const PUSHER: Person = { name: 'Test Pusher', email: 'pusher@example.com' }
const notFound = () => new ApiError(404, 'Not Found')
const invalid = (message: string) => new ApiError(422, message)
const missing = (field: string) => invalid(`Invalid request.\n\n"${field}" wasn't supplied.`)

const identity = (author: Person, committer: Person): NodeJS.ProcessEnv => ({
  GIT_AUTHOR_NAME: author.name,
  GIT_AUTHOR_EMAIL: author.email,
  GIT_COMMITTER_NAME: committer.name,
  GIT_COMMITTER_EMAIL: committer.email,
  ...(author.date && { GIT_AUTHOR_DATE: author.date }),
  ...(committer.date && { GIT_COMMITTER_DATE: committer.date }),
})

/** Git plumbing on one bare repository, away from the user's and the system's git config. */
class BareRepo {
  // An identity of its own, so that tests can make commits with plain git too.
  private readonly env: NodeJS.ProcessEnv = {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    ...identity(PUSHER, PUSHER),
  }

  constructor(readonly gitDir: string) {
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) this.env[key] ??= value
    mkdirSync(gitDir)
    this.run(['init', '--bare', '--quiet', '--initial-branch=main'])
  }

  bytes(args: string[], input?: Buffer | string, env?: NodeJS.ProcessEnv): Buffer {
    const options = { cwd: this.gitDir, input, maxBuffer: 1 << 30, stdio: 'pipe' as const }
    return execFileSync('git', args, { ...options, env: { ...this.env, ...env } })
  }

  run(args: string[], input?: Buffer | string, env?: NodeJS.ProcessEnv): string {
    return this.bytes(args, input, env).toString('utf8').replace(/\n$/, '')
  }

  /** Like run, but undefined when git fails: the answer to "is there such a thing?". */
  attempt(args: string[]): string | undefined {
    try {
      return this.run(args)
    } catch {
      return undefined
    }
  }

  archive(prefix: string, sha: string) {
    const args = ['archive', '--format=tar', `--prefix=${prefix}`, sha]
    return spawn('git', args, { cwd: this.gitDir, env: this.env, stdio: ['ignore', 'pipe', 'ignore'] })
  }

  typeOf = (sha: unknown) =>
    typeof sha === 'string' && SHA.test(sha) ? this.attempt(['cat-file', '-t', sha]) : undefined
  validRef = (ref: string) => this.attempt(['check-ref-format', ref]) !== undefined
  resolve = (ref: string) => (this.validRef(ref) ? this.attempt(['rev-parse', '--verify', '--quiet', ref]) : undefined)
  writeBlob = (content: Buffer) => this.run(['hash-object', '-w', '-t', 'blob', '--stdin'], content)
  isEmpty = () => this.run(['for-each-ref', '--count=1']) === ''
  commitTree = (tree: string, parents: string[], message: string, author: Person, committer: Person) =>
    this.run(
      ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'],
      message,
      identity(author, committer),
    )

  treeItems(sha: string, recursive: boolean) {
    return this.run(['ls-tree', ...(recursive ? ['-r', '-t'] : []), '-z', '-l', sha])
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [mode, type, object, size] = line.slice(0, line.indexOf('\t')).split(/ +/) as string[]
        const item = { path: line.slice(line.indexOf('\t') + 1), mode: mode!, type: type!, sha: object! }
        return type === 'blob' ? { ...item, size: Number(size) } : item
      })
  }
}

/** A tree being edited by path, as POST /git/trees does; subtrees are read only when a path enters them. */
class TreeDraft {
  private entries?: Map<string, Item | TreeDraft>

  constructor(
    private readonly repo: BareRepo,
    private readonly base?: string,
  ) {}

  set(path: string, item: Item | null): void {
    const segments = path.split('/')
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s === '.git')) {
      throw invalid('tree.path contains a malformed path component')
    }
    this.place(segments, item)
  }

  /** The new tree's id; undefined when it ended up empty (GitHub drops such folders). */
  write(): string | undefined {
    if (!this.entries) return this.base
    let listing = ''
    for (const [name, entry] of this.entries) {
      const item = entry instanceof TreeDraft ? { mode: '040000', type: 'tree', sha: entry.write() } : entry
      if (item.sha) listing += `${item.mode} ${item.type} ${item.sha}\t${name}\0`
    }
    return listing ? this.repo.run(['mktree', '-z', '--missing'], listing) : undefined
  }

  private place([name, ...rest]: string[], item: Item | null): void {
    this.entries ??= new Map(this.base ? this.repo.treeItems(this.base, false).map((e) => [e.path, e]) : [])
    const current = this.entries.get(name!)
    // GitHub refuses to delete what is not there.
    if (rest.length === 0) {
      if (item) this.entries.set(name!, item)
      else if (!this.entries.delete(name!)) throw invalid('GitRPC::BadObjectState')
      return
    }
    if (current instanceof TreeDraft) return current.place(rest, item)
    if (!item && current?.type !== 'tree') throw invalid('GitRPC::BadObjectState')
    const child = new TreeDraft(this.repo, current?.type === 'tree' ? current.sha : undefined)
    this.entries.set(name!, child)
    child.place(rest, item)
  }
}

/**
 * A stand-in for GitHub's Git Data API over a real bare repository, with the repository and
 * tarball endpoints beside it: Octokit runs against it unchanged, and tests check outcomes
 * with git itself. Status codes, messages and JSON shapes follow GitHub, refusals included
 * (bad token, empty repository, not a fast-forward, missing objects).
 */
export async function startGitService(options: {
  owner: string
  repo: string
  token: string
  private?: boolean
}): Promise<GitService> {
  const { owner, repo: name, token } = options
  const root = mkdtempSync(join(tmpdir(), 'git-service-'))
  const repo = new BareRepo(join(root, 'repo.git'))
  let isPrivate = options.private ?? false
  let beforeRefUpdate: (() => void | Promise<void>) | undefined
  const requests: RecordedGitRequest[] = []
  const downloadTokens = new Set<string>()
  const signedByGitHub = new Set<string>()
  let origin = ''
  const web = (path: string) => `${origin}/${owner}/${name}${path}`
  const decodePath = (segments: string[]) => segments.map(decodeURIComponent).join('/')
  const refName = (segments: string[]) => `refs/${decodePath(segments)}`
  const refJson = (ref: string, sha: string) => ({ ref, object: { sha, type: repo.typeOf(sha) } })

  const commitJson = (sha: string) => {
    const raw = repo.run(['cat-file', 'commit', sha])
    const split = raw.indexOf('\n\n')
    const headers = raw.slice(0, split < 0 ? raw.length : split).split('\n')
    const field = (key: string) => headers.filter((l) => l.startsWith(`${key} `)).map((l) => l.slice(key.length + 1))
    const person = (line: string) => {
      const [, name, email, seconds] = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(line)!
      return { name, email, date: new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z') }
    }
    const signed = signedByGitHub.has(sha)
    const signature = '-----BEGIN PGP SIGNATURE-----\n(stand-in)\n-----END PGP SIGNATURE-----\n'
    return {
      sha,
      html_url: web(`/commit/${sha}`),
      author: person(field('author')[0]!),
      committer: person(field('committer')[0]!),
      tree: { sha: field('tree')[0] },
      message: split < 0 ? '' : raw.slice(split + 2),
      parents: field('parent').map((parent) => ({ sha: parent, html_url: web(`/commit/${parent}`) })),
      verification: signed
        ? { verified: true, reason: 'valid', signature, payload: raw, verified_at: new Date().toISOString() }
        : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    }
  }

  const moveRef = async (ref: string, sha: unknown, force: boolean, create: boolean): Promise<Reply> => {
    const hook = beforeRefUpdate
    beforeRefUpdate = undefined
    await hook?.()
    const current = repo.resolve(ref)
    if (create && current) throw invalid('Reference already exists')
    if (!create && !current) throw invalid('Reference does not exist')
    if (!repo.typeOf(sha)) throw invalid('Object does not exist')
    if (current && !force && repo.attempt(['merge-base', '--is-ancestor', current, sha as string]) === undefined) {
      throw invalid('Update is not a fast forward')
    }
    // Compare-and-swap, as GitHub's own ref updates are.
    repo.run(['update-ref', ref, sha as string, current ?? ''])
    return { status: create ? 201 : 200, body: refJson(ref, sha as string) }
  }

  const gitRoutes: Record<string, Route> = {
    'GET ref': (rest) => {
      const sha = repo.resolve(refName(rest))
      if (!sha) throw notFound()
      return { status: 200, body: refJson(refName(rest), sha) }
    },
    'POST refs': (_rest, { ref, sha }) => {
      if (typeof ref !== 'string' || !ref.startsWith('refs/') || ref.split('/').length < 3 || !repo.validRef(ref)) {
        throw invalid("Reference name must start with 'refs/' and have at least two slashes.")
      }
      return moveRef(ref, sha, true, true)
    },
    'PATCH refs': (rest, { sha, force }) => {
      if (typeof sha !== 'string') throw missing('sha')
      return moveRef(refName(rest), sha, force === true, false)
    },
    'GET commits': ([sha]) => {
      if (repo.typeOf(sha) !== 'commit') throw notFound()
      return { status: 200, body: commitJson(sha!) }
    },
    'POST commits': (_rest, body) => {
      if (typeof body.message !== 'string') throw missing('message')
      if (repo.typeOf(body.tree) !== 'tree') throw invalid('Tree SHA does not exist')
      const parents = body.parents ?? []
      if (!Array.isArray(parents) || parents.some((p) => repo.typeOf(p) !== 'commit')) {
        throw invalid('Parent SHA does not exist or is not a commit object')
      }
      const author = (body.author ?? body.committer) as Person | undefined
      const committer = (body.committer ?? body.author ?? WEB_FLOW) as Person
      const sha = repo.commitTree(body.tree as string, parents, body.message, author ?? BOT, committer)
      if (!author) signedByGitHub.add(sha)
      return { status: 201, body: commitJson(sha) }
    },
    'GET trees': ([sha], _body, query) => {
      const tree = repo.typeOf(sha) === 'commit' ? repo.run(['rev-parse', `${sha}^{tree}`]) : sha
      if (repo.typeOf(tree) !== 'tree') throw notFound()
      // GitHub recurses whenever the parameter is present, whatever its value (even 0 or false).
      return { status: 200, body: { sha: tree, tree: repo.treeItems(tree!, query.has('recursive')), truncated: false } }
    },
    'POST trees': (_rest, body) => {
      if (!Array.isArray(body.tree)) throw missing('tree')
      if (body.base_tree !== undefined && repo.typeOf(body.base_tree) !== 'tree') throw invalid('Invalid tree info')
      const draft = new TreeDraft(repo, body.base_tree as string | undefined)
      for (const { path, mode, type, sha, content } of body.tree as Body[]) {
        if (typeof path !== 'string') throw missing('path')
        if (sha === null) {
          draft.set(path, null)
          continue
        }
        if (!MODES[type as string]?.includes(mode as string)) throw invalid('Invalid tree info')
        if (sha !== undefined && content !== undefined) {
          throw invalid('Must supply either tree.sha or tree.content. Request contained both')
        }
        if (typeof sha !== 'string' && (typeof content !== 'string' || type !== 'blob')) {
          throw invalid('Must supply tree.sha or tree.content')
        }
        const object = typeof content === 'string' ? repo.writeBlob(Buffer.from(content)) : (sha as string)
        if (type !== 'commit' && repo.typeOf(object) !== type) {
          throw invalid(`tree.sha ${object} is not a valid ${type as string}`)
        }
        draft.set(path, { mode: mode as string, type: type as string, sha: object })
      }
      const sha = draft.write() ?? repo.run(['mktree'], '')
      return { status: 201, body: { sha, tree: repo.treeItems(sha, false), truncated: false } }
    },
    'GET blobs': ([sha]) => {
      if (repo.typeOf(sha) !== 'blob') throw notFound()
      const content = repo.bytes(['cat-file', 'blob', sha!])
      // GitHub wraps the base64 at 60 characters.
      const base64 = content.toString('base64').replace(/.{60}/g, '$&\n')
      return { status: 200, body: { sha, size: content.length, content: base64, encoding: 'base64' } }
    },
    'POST blobs': (_rest, { content, encoding = 'utf-8' }) => {
      if (typeof content !== 'string') throw missing('content')
      if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
        throw invalid("encoding must be either 'utf-8' or 'base64'")
      }
      const sha = repo.writeBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'))
      return { status: 201, body: { sha, url: `${origin}/repos/${owner}/${name}/git/blobs/${sha}` } }
    },
  }

  /** The commit an archive link names (a commit, a full ref, a branch or a tag), with its full name. */
  const archiveCommit = (ref: string) => {
    const candidates = SHA.test(ref) || ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`]
    for (const candidate of candidates) {
      if (!SHA.test(candidate) && !repo.validRef(candidate)) continue
      const sha = repo.attempt(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])
      if (sha) return { sha, name: candidate }
    }
    return undefined
  }

  /** GitHub answers with a link to codeload.github.com; here the same server plays that host. */
  const tarballLink = (ref: string): Reply => {
    const commit = repo.isEmpty() ? undefined : archiveCommit(ref || 'main')
    if (!commit) throw notFound()
    // Like codeload's links, the ref is resolved again when the archive is fetched.
    const path = commit.name.split('/').map(encodeURIComponent).join('/')
    const link = new URL(`/_codeload/${owner}/${name}/legacy.tar.gz/${path}`, origin)
    if (isPrivate) {
      // A private repository's link carries a download token: clients send no credentials to that host.
      const download = randomBytes(12).toString('hex')
      downloadTokens.add(download)
      link.searchParams.set('token', download)
    }
    return { status: 302, headers: { Location: link.href } }
  }

  const streamTarball = (url: URL, response: ServerResponse): Reply | undefined => {
    const [, o, r, kind, ...ref] = url.pathname.split('/').slice(1)
    const commit = sameRepo(o, r) && kind === 'legacy.tar.gz' ? archiveCommit(decodePath(ref)) : undefined
    if (!commit || (isPrivate && !downloadTokens.has(url.searchParams.get('token') ?? ''))) {
      return { status: 404, body: 'Not Found' }
    }
    const folder = `${owner}-${name}-${commit.sha.slice(0, 7)}`
    const archive = repo.archive(`${folder}/`, commit.sha)
    const headers = {
      'Content-Type': 'application/x-gzip',
      'Content-Disposition': `attachment; filename=${folder}.tar.gz`,
    }
    response.writeHead(200, headers)
    archive.stdout.pipe(createGzip()).pipe(response)
    archive.on('exit', (code) => code === 0 || response.destroy())
    return undefined
  }

  const sameRepo = (o?: string, r?: string) =>
    o?.toLowerCase() === owner.toLowerCase() && r?.toLowerCase() === name.toLowerCase()

  const route = async (request: IncomingMessage, response: ServerResponse, raw: Buffer): Promise<Reply | undefined> => {
    const url = new URL(request.url ?? '/', origin)
    if (url.pathname.startsWith('/_codeload/')) return streamTarball(url, response)
    const credentials = /^(?:token|bearer)\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (credentials !== token) throw new ApiError(401, 'Bad credentials')
    let body: unknown = {}
    try {
      if (raw.length > 0) body = JSON.parse(raw.toString('utf8'))
    } catch {
      body = undefined
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ApiError(400, 'Problems parsing JSON')
    const [top, o, r, area, kind, ...rest] = url.pathname.split('/').slice(1)
    if (top !== 'repos' || !sameRepo(o, r)) throw notFound()
    const method = request.method ?? 'GET'
    if (area === undefined && method === 'GET') return { status: 200, body: repoJson() }
    if (area === 'tarball' && method === 'GET') return tarballLink(decodePath([kind ?? '', ...rest]))
    const handler = area === 'git' ? gitRoutes[`${method} ${kind}`] : undefined
    if (!handler) throw notFound()
    if (repo.isEmpty()) throw new ApiError(409, 'Git Repository is empty.')
    return handler(rest, body as Body, url.searchParams)
  }

  const repoJson = () => ({
    name,
    full_name: `${owner}/${name}`,
    owner: { login: owner, type: 'User' },
    private: isPrivate,
    visibility: isPrivate ? 'private' : 'public',
    default_branch: 'main',
    html_url: web(''),
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  })

  const answer = (response: ServerResponse, { status, body, headers }: Reply) => {
    const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body)
    const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'
    response.writeHead(status, { ...(text && { 'Content-Type': type }), ...headers }).end(text)
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks)
      const record = {
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0]!,
        bodySize: raw.length,
      }
      response.on('close', () => requests.push({ ...record, status: response.statusCode }))
      route(request, response, raw).then(
        (reply) => reply && answer(response, reply),
        (error: unknown) => {
          if (!(error instanceof ApiError)) {
            // A bug in the stand-in, not an answer GitHub gives: make it loud.
            return answer(response, { status: 500, body: String((error as Error).stack ?? error) })
          }
          const docs = 'https://docs.github.com/rest'
          answer(response, {
            status: error.status,
            body: { message: error.message, documentation_url: docs, status: `${error.status}` },
          })
        },
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    apiUrl: origin,
    gitDir: repo.gitDir,
    requests,
    git: (args) => repo.run(args),
    commitFiles(branch, files, message) {
      const ref = `refs/heads/${branch}`
      const parent = repo.resolve(ref)
      const draft = new TreeDraft(repo, parent && repo.run(['rev-parse', `${parent}^{tree}`]))
      for (const [path, content] of Object.entries(files)) {
        draft.set(
          path,
          content === null ? null : { mode: '100644', type: 'blob', sha: repo.writeBlob(Buffer.from(content)) },
        )
      }
      const sha = repo.commitTree(
        draft.write() ?? repo.run(['mktree'], ''),
        parent ? [parent] : [],
        message,
        PUSHER,
        PUSHER,
      )
      repo.run(['update-ref', ref, sha, parent ?? ''])
      return sha
    },
    onBeforeUpdateRef(hook) {
      beforeRefUpdate = hook
    },
    setPrivate(flag) {
      isPrivate = flag
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(root, { recursive: true, force: true })
    },
  }
}
