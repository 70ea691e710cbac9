import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the GitHub Actions results service on 127.0.0.1, port 0, that the real
 * @actions/artifact client (6.x) talks to: the Twirp JSON ArtifactService and the signed
 * blob storage URL it hands out, which the client writes the zip to through the Azure
 * Storage SDK. What each side sends and expects is read from the client's source
 * (upload-artifact.js, artifact-twirp-client.js, the generated artifact.ts messages) and
 * from @azure/storage-blob's BlockBlobClient.uploadStream; the duplicate-name answer is the
 * one real runs print: "(409) Conflict: an artifact with this name already exists on the
 * workflow run". Answers use Twirp's protojson mapping: proto field names, int64 as strings.
 */

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
/** Blob URLs have an IP host, so the SDK reads the path as /account/container/blob (Azurite's form). */
const CONTAINER = '/devstoreaccount1/actions-results/'
const STORAGE_VERSION = '2025-11-05'

export interface StoredArtifact {
  id: number
  name: string
  workflowRunBackendId: string
  workflowJobRunBackendId: string
  /** `expires_at` as the client sent it (RFC 3339); undefined means the repository's default. */
  expiresAt?: string
  mimeType?: string
  version?: number
  createdAt: string
  /** Set by FinalizeArtifact; listings show only finalized artifacts. */
  finalized: boolean
  /** The committed blob, i.e. the zip. */
  zip?: Buffer
  /** `x-ms-blob-content-type` of the commit. */
  contentType?: string
  /** Bytes, as finalized (checked against the blob). */
  size: number
  /** `sha256:<hex>`, as finalized (checked against the blob). */
  digest?: string
}

export interface ServiceRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: Buffer
  /** The ArtifactService method, for Twirp calls. */
  rpc?: string
  /** The parsed body of a Twirp call. */
  json?: Record<string, unknown>
  /** Status answered. */
  status?: number
}

export interface ResultsService {
  /** `http://127.0.0.1:<port>` */
  url: string
  runtimeToken: string
  /** Set these in process.env for the client to use this service. */
  env: Record<string, string>
  /** The run's artifacts, in creation order, finalized or not; deleted ones leave. */
  artifacts: StoredArtifact[]
  deleted: StoredArtifact[]
  requests: ServiceRequest[]
  ids: { workflowRunBackendId: string; workflowJobRunBackendId: string }
  stop(): Promise<void>
}

interface StoredBlob {
  blocks: Map<string, Buffer>
  artifact: StoredArtifact
}

type Twirp = { status: number; body: unknown }

/** Twirp's error codes and the HTTP status each travels with. */
const TWIRP_STATUS = {
  already_exists: 409,
  not_found: 404,
  bad_route: 404,
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  failed_precondition: 412,
} as const

function twirpError(code: keyof typeof TWIRP_STATUS, msg: string): Twirp {
  return { status: TWIRP_STATUS[code], body: { code, msg } }
}

/** A JWT whose `scp` claim carries the backend ids, the only part the client reads (util.js). */
function runtimeToken(run: string, job: string, key: Buffer): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const payload = {
    scp: `Actions.ExampleScope Actions.Results:${run}:${job}`,
    iss: 'https://token.actions.githubusercontent.com',
    nbf: now - 60,
    exp: now + 3600,
  }
  const unsigned = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(payload)}`
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`
}

export async function startResultsService(): Promise<ResultsService> {
  const ids = { workflowRunBackendId: randomUUID(), workflowJobRunBackendId: randomUUID() }
  const token = runtimeToken(ids.workflowRunBackendId, ids.workflowJobRunBackendId, randomBytes(32))
  const signature = randomBytes(24).toString('base64url')
  const artifacts: StoredArtifact[] = []
  const deleted: StoredArtifact[] = []
  const requests: ServiceRequest[] = []
  const blobs = new Map<string, StoredBlob>()
  let nextId = 4_100_000_001
  let url = ''

  const inRun = (name: unknown) =>
    artifacts.find((a) => a.workflowRunBackendId === ids.workflowRunBackendId && a.name === name)

  const rpcs: Record<string, (body: Record<string, unknown>) => Twirp> = {
    CreateArtifact(body) {
      if (typeof body.name !== 'string' || !body.name) return twirpError('invalid_argument', 'name is required')
      if (inRun(body.name))
        return twirpError('already_exists', 'an artifact with this name already exists on the workflow run')
      const artifact: StoredArtifact = {
        id: nextId++,
        name: body.name,
        workflowRunBackendId: String(body.workflow_run_backend_id),
        workflowJobRunBackendId: String(body.workflow_job_run_backend_id),
        expiresAt: body.expires_at as string | undefined,
        mimeType: body.mime_type as string | undefined,
        version: body.version as number | undefined,
        createdAt: new Date().toISOString(),
        finalized: false,
        size: 0,
      }
      artifacts.push(artifact)
      const blobPath = `${CONTAINER}${artifact.workflowRunBackendId}/${artifact.workflowJobRunBackendId}/${artifact.id}.zip`
      blobs.set(blobPath, { blocks: new Map(), artifact })
      const expiry = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z')
      const sas = `sv=${STORAGE_VERSION}&sr=b&sp=cw&se=${encodeURIComponent(expiry)}&sig=${signature}`
      return { status: 200, body: { ok: true, signed_upload_url: `${url}${blobPath}?${sas}` } }
    },
    FinalizeArtifact(body) {
      const artifact = inRun(body.name)
      if (!artifact || artifact.finalized) return twirpError('not_found', 'artifact not found')
      if (!artifact.zip) return twirpError('failed_precondition', 'artifact content has not been uploaded')
      const digest = `sha256:${createHash('sha256').update(artifact.zip).digest('hex')}`
      // The client reports the bytes it saw go out and the sha256 it computed while streaming.
      if (String(body.size) !== String(artifact.zip.length)) {
        return twirpError(
          'invalid_argument',
          `size ${body.size} does not match the ${artifact.zip.length} bytes uploaded`,
        )
      }
      if (body.hash !== undefined && body.hash !== digest) {
        return twirpError('invalid_argument', `hash ${body.hash} does not match the uploaded content (${digest})`)
      }
      Object.assign(artifact, { finalized: true, size: artifact.zip.length, digest: body.hash })
      return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
    },
    ListArtifacts(body) {
      const listed = artifacts.filter(
        (a) =>
          a.finalized &&
          a.workflowRunBackendId === body.workflow_run_backend_id &&
          (body.name_filter === undefined || a.name === body.name_filter) &&
          (body.id_filter === undefined || String(a.id) === String(body.id_filter)),
      )
      return {
        status: 200,
        body: {
          artifacts: listed.map((a) => ({
            workflow_run_backend_id: a.workflowRunBackendId,
            workflow_job_run_backend_id: a.workflowJobRunBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: a.createdAt,
            digest: a.digest,
          })),
        },
      }
    },
    GetSignedArtifactURL(body) {
      const artifact = inRun(body.name)
      if (!artifact?.finalized) return twirpError('not_found', 'artifact not found')
      const blobPath = [...blobs].find(([, blob]) => blob.artifact === artifact)![0]
      return { status: 200, body: { signed_url: `${url}${blobPath}?sv=${STORAGE_VERSION}&sr=b&sp=r&sig=${signature}` } }
    },
    DeleteArtifact(body) {
      const artifact = inRun(body.name)
      if (!artifact?.finalized) return twirpError('not_found', 'artifact not found')
      artifacts.splice(artifacts.indexOf(artifact), 1)
      deleted.push(artifact)
      return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
    },
  }

  function twirp(request: ServiceRequest): Twirp {
    const rpc = rpcs[request.path.slice(SERVICE.length)]
    if (request.method !== 'POST' || !rpc) return twirpError('bad_route', `no handler for path "${request.path}"`)
    if (request.headers.authorization !== `Bearer ${token}`) return twirpError('unauthenticated', 'invalid token')
    if (!String(request.headers['content-type']).startsWith('application/json')) {
      return twirpError('bad_route', 'this stand-in speaks only Twirp JSON')
    }
    try {
      request.json = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>
    } catch {
      return twirpError('malformed', 'the json request could not be decoded')
    }
    // The real service takes the ids from the request; a client sending others than its token's is broken.
    if (request.json.workflow_run_backend_id !== ids.workflowRunBackendId) {
      return twirpError('permission_denied', 'workflow_run_backend_id does not match the token')
    }
    return rpc(request.json)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = record(req, Buffer.concat(chunks))
      requests.push(request)
      if (request.path.startsWith(SERVICE)) {
        request.rpc = request.path.slice(SERVICE.length)
        const answer = twirp(request)
        request.status = answer.status
        const text = JSON.stringify(answer.body)
        res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
        res.end(text)
      } else {
        request.status = blobRequest(request, res, blobs, signature)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  // The Azure SDK, unlike @actions/http-client, sends even loopback requests through HTTP(S)_PROXY.
  const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1'].filter(Boolean).join(',')
  return {
    url,
    runtimeToken: token,
    env: { ACTIONS_RESULTS_URL: `${url}/`, ACTIONS_RUNTIME_TOKEN: token, NO_PROXY: noProxy, no_proxy: noProxy },
    artifacts,
    deleted,
    requests,
    ids,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function record(req: IncomingMessage, body: Buffer): ServiceRequest {
  const [path, search = ''] = (req.url ?? '/').split('?')
  const query: Record<string, string> = {}
  // Decoded by hand: a block id is base64, and URLSearchParams would turn a '+' into a space.
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=')
    query[decodeURIComponent(key!)] = decodeURIComponent(value)
  }
  return { method: req.method ?? 'GET', path: path!, query, headers: req.headers, body }
}

/**
 * Azure Blob Storage's Put Block, Put Block List, Put Blob and Get Blob, as far as
 * BlockBlobClient.uploadStream and a download need them. Answers 201 with the headers the
 * service sends (the SDK reads ETag, Last-Modified, Content-MD5, x-ms-request-id, x-ms-version).
 */
function blobRequest(
  request: ServiceRequest,
  res: ServerResponse,
  blobs: Map<string, StoredBlob>,
  signature: string,
): number {
  const common = {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(request.headers['x-ms-version'] ?? STORAGE_VERSION),
    Date: new Date().toUTCString(),
  }
  const fail = (status: number, code: string, message: string) => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
    res.writeHead(status, {
      ...common,
      'x-ms-error-code': code,
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(xml),
    })
    res.end(xml)
    return status
  }
  const created = (extra: Record<string, string>) => {
    res.writeHead(201, { ...common, 'x-ms-request-server-encrypted': 'true', 'Content-Length': 0, ...extra })
    res.end()
    return 201
  }
  const blob = blobs.get(request.path)
  if (request.query.sig !== signature) return fail(403, 'AuthenticationFailed', 'Signature did not match.')
  if (!blob) return fail(404, 'BlobNotFound', 'The specified blob does not exist.')
  if (request.headers['x-ms-structured-body']) {
    return fail(400, 'UnsupportedHeader', 'This stand-in does not decode structured message (CRC64) bodies.')
  }
  const md5 = createHash('md5').update(request.body).digest('base64')
  const committed = (zip: Buffer) => {
    blob.artifact.zip = zip
    blob.artifact.contentType = String(
      request.headers['x-ms-blob-content-type'] ?? request.headers['content-type'] ?? '',
    )
    return created({
      ETag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      'Last-Modified': new Date().toUTCString(),
      'Content-MD5': md5,
    })
  }

  if (request.method === 'PUT' && request.query.comp === 'block') {
    if (!request.query.blockid) return fail(400, 'InvalidQueryParameterValue', 'blockid is missing.')
    blob.blocks.set(request.query.blockid, request.body)
    return created({ 'Content-MD5': md5 })
  }
  if (request.method === 'PUT' && request.query.comp === 'blocklist') {
    const ids = [...request.body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
      (m) => m[2]!,
    )
    const missing = ids.find((id) => !blob.blocks.has(id))
    if (missing !== undefined) return fail(400, 'InvalidBlockList', `The specified block list is invalid: ${missing}`)
    return committed(Buffer.concat(ids.map((id) => blob.blocks.get(id)!)))
  }
  if (request.method === 'PUT' && request.headers['x-ms-blob-type'] === 'BlockBlob') return committed(request.body)
  if (request.method === 'GET' && blob.artifact.zip) {
    res.writeHead(200, {
      ...common,
      'Content-Type': blob.artifact.contentType || 'application/octet-stream',
      'Content-Length': blob.artifact.zip.length,
      'x-ms-blob-type': 'BlockBlob',
    })
    res.end(blob.artifact.zip)
    return 200
  }
  return fail(400, 'UnsupportedHttpVerb', `${request.method} ${request.path} is not supported here.`)
}
