import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { isPlainRelativePath, MANIFEST_FILE } from '../backup/layout.js'
import type { Manifest } from '../backup/manifest.js'
import type { Problems } from './problems.js'

/** A manifest damaged in many places is named by its first faults; the rest only counted. */
const FAULTS_NAMED = 10

/**
 * Reads `manifest.json` and checks it has the shape this tool writes. Every later check
 * trusts it (paths, sizes, checksums, parts), so a manifest with any fault ends the run.
 */
export async function readManifest(dir: string, problems: Problems): Promise<Manifest | undefined> {
  let text: string
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    problems.add(
      'manifest',
      MANIFEST_FILE,
      code === 'ENOENT'
        ? 'not found: the folder is not a backup made by ghost-backup, or its manifest was deleted'
        : `cannot be read (${code ?? String(error)})`,
    )
    return undefined
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    problems.add('manifest', MANIFEST_FILE, 'not valid JSON (damaged or cut short)')
    return undefined
  }
  const format = isObject(parsed) ? parsed.format : undefined
  if (format !== 1) {
    problems.add(
      'manifest',
      MANIFEST_FILE,
      format === undefined
        ? 'has no format number; it is not a manifest written by ghost-backup'
        : `format ${JSON.stringify(format)} is not one this version reads (expected 1)`,
    )
    return undefined
  }
  const faults = manifestFaults(parsed as Record<string, unknown>)
  for (const fault of faults.slice(0, FAULTS_NAMED)) problems.add('manifest', MANIFEST_FILE, fault)
  if (faults.length > FAULTS_NAMED) {
    problems.add('manifest', MANIFEST_FILE, `${faults.length - FAULTS_NAMED} more faults like these`)
  }
  return faults.length === 0 ? (parsed as unknown as Manifest) : undefined
}

function manifestFaults(manifest: Record<string, unknown>): string[] {
  const faults: string[] = []
  const site = isObject(manifest.site) ? manifest.site : {}
  for (const key of ['url', 'adminUrl']) {
    if (!isUrl(site[key])) faults.push(`site.${key} is not a URL`)
  }
  if (!isStringList(manifest.parts)) faults.push('parts is not a list of names')
  if (!isObject(manifest.counts) || !Object.values(manifest.counts).every((n) => typeof n === 'number')) {
    faults.push('counts is not a set of numbers')
  }
  if (manifest.activeTheme !== undefined && typeof manifest.activeTheme !== 'string') {
    faults.push('activeTheme is not a name')
  }
  for (const key of ['external', 'unsafe']) {
    if (!isStringList(manifest[key])) faults.push(`${key} is not a list of addresses`)
  }
  if (!Array.isArray(manifest.missing) || !manifest.missing.every((m) => isObject(m) && typeof m.path === 'string')) {
    faults.push('missing is not a list of files')
  }
  if (!Array.isArray(manifest.files)) return [...faults, 'files is not a list']
  const seen = new Set<string>()
  manifest.files.forEach((file: unknown, index) => {
    const at = `files[${index}]`
    if (!isObject(file)) return void faults.push(`${at} is not a file entry`)
    if (!isSafePath(file.path)) {
      faults.push(`${at}.path ${JSON.stringify(file.path)} is not a relative path inside the backup`)
    } else if (seen.has(file.path)) {
      faults.push(`${at}.path '${file.path}' is listed twice`)
    } else seen.add(file.path)
    if (!Number.isSafeInteger(file.size) || (file.size as number) < 0) faults.push(`${at}.size is not a byte count`)
    if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) {
      faults.push(`${at}.sha256 is not a sha256 (64 hex digits)`)
    }
  })
  return faults
}

/**
 * Forward-slash segments that stay inside the folder. The manifest decides which files are
 * read, so a damaged or crafted one must never point the checks at a file outside it.
 */
function isSafePath(value: unknown): value is string {
  if (typeof value !== 'string' || value === MANIFEST_FILE) return false
  return isPlainRelativePath(value)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isUrl(value: unknown): boolean {
  return typeof value === 'string' && URL.canParse(value)
}
