/**
 * Uploads generated images, audio and documents through the Admin API and
 * records what Ghost did with each one (its URL and path under content/).
 */
import { createHash } from 'node:crypto'
import { adminRequest, expectStatus, type ApiTarget } from './admin-api.js'

export type UploadKind = 'images' | 'media' | 'files'

export interface SeededUpload {
  kind: UploadKind
  /** The file name we sent; Ghost rewrites it (see `path`). */
  uploadedName: string
  /** The URL as the upload response returned it. */
  url: string
  /** Path relative to content/<kind>/, e.g. '2025/01/caf--photo-1.png'. */
  path: string
  /** sha256 (hex) of the bytes we uploaded. */
  sha256: string
  /** Size in bytes of what we uploaded. */
  size: number
  /**
   * Images only: the `<name>_o.<ext>` copy Ghost keeps beside every image,
   * holding exactly the uploaded bytes.
   */
  originalPath?: string
  /**
   * Images only: true when Ghost serves a resized copy at `url` (wider than
   * its 2000 px limit), so only `originalPath` matches `sha256`.
   */
  resized?: boolean
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Path of an uploaded file under content/<kind>/, taken from its URL. */
export function contentPathFromUrl(url: string, kind: UploadKind): string {
  const { pathname } = new URL(url)
  const marker = `/content/${kind}/`
  const at = pathname.indexOf(marker)
  if (at < 0) throw new Error(`${url} is not under ${marker}`)
  return decodeURIComponent(pathname.slice(at + marker.length))
}

/** Ghost's name for the untouched original it stores beside an image. */
export function originalImagePath(path: string): string {
  return path.replace(/(\.[^./]+)$/, '_o$1')
}

export interface UploadRequest {
  kind: UploadKind
  fileName: string
  bytes: Buffer
  contentType: string
  /** Images: 'image' (default), 'icon' or 'profile_image'; Ghost validates each differently. */
  purpose?: string
  /** Images: width in px, to know whether Ghost will resize it. */
  width?: number
}

/** Ghost resizes uploaded images wider than this (imageOptimization.defaultMaxWidth). */
const GHOST_MAX_IMAGE_WIDTH = 2000

export async function uploadFile(site: ApiTarget, token: string, request: UploadRequest): Promise<SeededUpload> {
  const form = new FormData()
  // The multipart Content-Type matters: Ghost checks it against an allow-list.
  form.append('file', new Blob([request.bytes], { type: request.contentType }), request.fileName)
  if (request.kind === 'images') form.append('purpose', request.purpose ?? 'image')
  form.append('ref', request.fileName)
  const res = expectStatus(
    await adminRequest(site, token, 'POST', `${request.kind}/upload/`, form),
    201,
    `upload ${request.kind} ${request.fileName}`,
  )
  const body = res.json<Record<string, Array<{ url: string }>>>()
  const url = body[request.kind]?.[0]?.url
  if (!url) throw new Error(`upload of ${request.fileName} returned no URL: ${res.text()}`)
  const path = contentPathFromUrl(url, request.kind)
  const upload: SeededUpload = {
    kind: request.kind,
    uploadedName: request.fileName,
    url,
    path,
    sha256: sha256(request.bytes),
    size: request.bytes.length,
  }
  if (request.kind === 'images' && !request.fileName.endsWith('.svg')) {
    upload.originalPath = originalImagePath(path)
    upload.resized = (request.width ?? 0) > GHOST_MAX_IMAGE_WIDTH
  }
  return upload
}
