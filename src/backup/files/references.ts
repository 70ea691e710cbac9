import { isPlainSegment } from '../layout.js'
import type { FilePart } from '../../settings/parts.js'

/** A file the site serves from `content/<part>/`, found in the content export. */
export interface SiteFile {
  part: FilePart
  /** Path under `content/<part>/`, decoded, with forward slashes: also its path in the backup. */
  path: string
  /** Where the site serves it, as an absolute URL (a string: a site may have thousands of files). */
  url: string
  /** Ghost's `_o` original beside an image: absent on many sites, so a 404 is not a loss. */
  optional?: boolean
}

export interface FoundReferences {
  /** Site files by `<part>/<path>`, each once. */
  files: Map<string, SiteFile>
  /** Files linked on other hosts (external storage, embeds), as absolute URLs. */
  external: Set<string>
  /** References whose path would leave its folder (`..`, encoded slashes): never fetched. */
  unsafe: Set<string>
}

const CANDIDATE = /__GHOST_URL__[^\s"'<>\\)]*|(?:https?:)?\/\/[^\s"'<>\\)]+/g
const SIZED = /^size\/w\d+(?:h\d+)?\/(?:format\/[a-z0-9]+\/)?/
const ORIGINAL_KINDS = /\.(png|jpe?g|gif|webp|avif)$/i
const MEDIA_EXTENSION =
  /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|heic|mp4|m4v|mov|webm|ogv|mp3|m4a|wav|ogg|oga|flac|aac|pdf|zip|docx?|xlsx?|pptx?|csv|txt|json|epub)$/i

/**
 * Reads the export's rows for every image, media file and file the site references:
 * `__GHOST_URL__/content/...` placeholders and absolute URLs on the site's own hosts,
 * in any table and column (html, lexical and mobiledoc JSON, settings, users, ...).
 */
export class ReferenceFinder {
  readonly found: FoundReferences = { files: new Map(), external: new Set(), unsafe: new Set() }
  private readonly siteHosts: Set<string>
  private readonly sitePrefix: string

  /**
   * @param siteUrl the site URL Ghost reports, where files are served
   * @param otherHosts more addresses of the same site (the admin URL, the URL the user gave)
   */
  constructor(
    private readonly siteUrl: URL,
    otherHosts: URL[] = [],
  ) {
    this.siteHosts = new Set([siteUrl.host, ...otherHosts.map((url) => url.host)])
    this.sitePrefix = siteUrl.pathname
  }

  /** Scans every string in a value (a row, a column, nested JSON). */
  scan(value: unknown): void {
    if (typeof value === 'string') {
      if (value.includes('/content/') || value.includes('//')) this.scanText(value)
    } else if (Array.isArray(value)) {
      for (const item of value) this.scan(item)
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) this.scan(item)
    }
  }

  private scanText(text: string): void {
    for (const match of text.matchAll(CANDIDATE)) {
      const candidate = match[0].replace(/&amp;/g, '&').replace(/[.,;:!]+$/, '')
      if (candidate.startsWith('__GHOST_URL__')) {
        this.addSitePath(candidate.slice('__GHOST_URL__'.length).replace(/^\//, ''), candidate)
        continue
      }
      let url: URL
      try {
        url = new URL(candidate.startsWith('//') ? `${this.siteUrl.protocol}${candidate}` : candidate)
      } catch {
        continue
      }
      if (this.siteHosts.has(url.host) && url.pathname.startsWith(this.sitePrefix)) {
        this.addSitePath(url.pathname.slice(this.sitePrefix.length), candidate)
      } else if (!this.siteHosts.has(url.host) && MEDIA_EXTENSION.test(url.pathname)) {
        this.found.external.add(url.href)
      }
    }
  }

  /** `rest` is the part after the site root, e.g. `content/images/size/w600/2026/01/a.png?v=1`. */
  private addSitePath(rest: string, reference: string): void {
    const match = /^content\/(images|media|files)\/([^?#]+)/.exec(rest)
    if (!match) return
    const part = match[1] as FilePart
    const raw = part === 'images' ? match[2]!.replace(SIZED, '') : match[2]!
    const path = safeRelativePath(raw)
    if (path === undefined) {
      this.found.unsafe.add(reference)
      return
    }
    this.add({ part, path, url: this.fileUrl(part, path) })
    if (part === 'images' && ORIGINAL_KINDS.test(path) && !/_o\.[^./]+$/.test(path)) {
      const original = path.replace(/(\.[^./]+)$/, '_o$1')
      this.add({ part, path: original, url: this.fileUrl(part, original), optional: true })
    }
  }

  private add(file: SiteFile): void {
    const key = `${file.part}/${file.path}`
    const known = this.found.files.get(key)
    // A file referenced directly is required even if it was first seen as an optional original.
    if (!known || (known.optional && !file.optional)) this.found.files.set(key, file)
  }

  private fileUrl(part: FilePart, path: string): string {
    const encoded = path.split('/').map(encodeURIComponent).join('/')
    return new URL(`content/${part}/${encoded}`, this.siteUrl).href
  }
}

/**
 * Decodes a URL path into a relative file path, or undefined when any segment would
 * step outside its folder once decoded (`..`, `%2e%2e`, `%2F`, a backslash, NUL).
 */
export function safeRelativePath(raw: string): string | undefined {
  const segments = raw.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  })
  return segments.every(isPlainSegment) ? segments.join('/') : undefined
}
