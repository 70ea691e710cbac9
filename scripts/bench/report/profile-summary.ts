/**
 * Reads a V8 .cpuprofile of a bundle run and says where the time went: self
 * time by bundled module (ncc keeps `/***\/ <id>:` and `CONCATENATED MODULE:`
 * markers; a CommonJS module's package is found by looking its longest line
 * up in node_modules), and the costliest functions.
 *
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top N]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT } from '../run/bundle.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

const RUNTIME = '(bundle runtime: module loading)'

interface Marker {
  offset: number
  label: string
  /** CommonJS module id, to look its package up lazily. */
  id?: string
}

/** Module markers of one bundle file, in file order, and where each line starts. */
class BundleIndex {
  readonly markers: Marker[] = []
  private readonly lineStarts: number[] = [0]
  private readonly packages = new Map<string, string>()

  constructor(private readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
    for (const match of source.matchAll(/^\/\*\*\*\/ (\d+):$/gm)) {
      this.markers.push({ offset: match.index, label: `cjs module ${match[1]}`, id: match[1] })
    }
    for (const match of source.matchAll(/^;\/\/ CONCATENATED MODULE: (.+)$/gm)) {
      this.markers.push({ offset: match.index, label: match[1]! })
    }
    // webpack's own code (the module table's end, __nccwpck_require__ and friends).
    for (const match of source.matchAll(/^\/\*{6}\/ /gm)) this.markers.push({ offset: match.index, label: RUNTIME })
    this.markers.sort((a, b) => a.offset - b.offset)
  }

  /** The module a (0-based) line and column fall in. */
  moduleAt(line: number, column: number): string {
    const offset = (this.lineStarts[line] ?? 0) + column
    let low = 0
    let high = this.markers.length - 1
    let found: Marker | undefined
    while (low <= high) {
      const mid = (low + high) >> 1
      if (this.markers[mid]!.offset <= offset) {
        found = this.markers[mid]
        low = mid + 1
      } else high = mid - 1
    }
    if (!found) return RUNTIME
    return found.id ? `${found.label} (${this.packageOf(found)})` : found.label
  }

  /** Finds the npm package a CommonJS module came from by its longest line. */
  private packageOf(marker: Marker): string {
    const cached = this.packages.get(marker.id!)
    if (cached) return cached
    const next = this.markers.find((m) => m.offset > marker.offset)?.offset ?? this.source.length
    const lines = this.source.slice(marker.offset, next).split('\n')
    const probe = lines
      .map((line) => line.trim())
      .filter((line) => line.length >= 30 && !line.includes('__nccwpck_require__'))
      .sort((a, b) => b.length - a.length)[0]
    let found = 'package unknown'
    if (probe) {
      try {
        const hit = execFileSync('grep', ['-rlF', '--include=*.js', '-m1', probe.slice(0, 200), 'node_modules'], {
          cwd: REPO_ROOT,
          encoding: 'utf8',
        })
        const first = hit.split('\n').find((path) => path.includes('node_modules/'))
        const match =
          first && /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(first.slice(first.lastIndexOf('node_modules/')))
        if (match) found = match[1]!
      } catch {
        // grep exits 1 when nothing matched
      }
    }
    this.packages.set(marker.id!, found)
    return found
  }
}

/** `index.js ./node_modules/@noble/curves/x.js` or `index.js cjs module 1 (undici)` to its package. */
function packageName(where: string): string {
  const concatenated =
    /node_modules\/((?:@[^/]+\/)?[^/]+)\/[^/]*$/.exec(where) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)
  if (concatenated) return concatenated[1]!
  const cjs = /cjs module \d+ \((.+)\)$/.exec(where)
  if (cjs) return cjs[1]!
  if (/\.\/src\//.test(where)) return 'src/ (this project)'
  return where
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const indexes = new Map<string, BundleIndex | undefined>()
  const indexFor = (url: string): BundleIndex | undefined => {
    if (!indexes.has(url)) {
      const path = url.startsWith('file://') ? fileURLToPath(url) : ''
      indexes.set(
        url,
        path.includes('/dist/') && existsSync(path) ? new BundleIndex(readFileSync(path, 'utf8')) : undefined,
      )
    }
    return indexes.get(url)
  }

  const groups = new Map<string, number>()
  const packages = new Map<string, number>()
  const functions = new Map<string, number>()
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame
    const index = indexFor(url)
    const where = index
      ? `${url.split('/').pop()} ${index.moduleAt(lineNumber, columnNumber)}`
      : url
        ? url.startsWith('node:')
          ? 'Node itself (node:*)'
          : url
        : functionName // (program), (garbage collector), (idle)
    groups.set(where, (groups.get(where) ?? 0) + micros)
    const pkg = packageName(where)
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros)
    const fn = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`
    functions.set(fn, (functions.get(fn) ?? 0) + micros)
  }
  const ms = (micros: number) => `${(micros / 1000).toFixed(1).padStart(8)} ms`
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
  return [
    `${file}: ${ms(profile.endTime - profile.startTime).trim()} profiled`,
    'self time by package (src/ is this project; compileSourceTextModule is parsing the bundle):',
    ...sorted(packages).map(([name, micros]) => `${ms(micros)}  ${name}`),
    'self time by module:',
    ...sorted(groups).map(([name, micros]) => `${ms(micros)}  ${name}`),
    'costliest functions (self time):',
    ...sorted(functions).map(([name, micros]) => `${ms(micros)}  ${name}`),
  ].join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, flag, n] = process.argv.slice(2)
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N]')
  console.log(summariseProfile(file, flag === '--top' ? Number(n) : undefined))
}
