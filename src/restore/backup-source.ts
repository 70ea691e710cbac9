import { lstat, readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import {
  CONTENT_FILE,
  isPlainRelativePath,
  MANIFEST_FILE,
  MEMBERS_FILE,
  SETTINGS_FOLDER,
  THEMES_FOLDER,
} from '../backup/layout.js'
import type { Manifest } from '../backup/manifest.js'
import { FILE_PARTS, type FilePart, type Part, PARTS } from '../settings/parts.js'
import { listFiles } from '../util/walk.js'

/** A file of the backup. */
export interface BackupFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string
  absolute: string
  size: number
  /** From the manifest, to catch a file changed since the backup was made. */
  sha256?: string
}

/** An image, media file or file, with the path Ghost serves it under. */
export interface SiteFileEntry extends BackupFile {
  kind: FilePart
  /** Path under `content/<kind>/`, e.g. `2025/01/photo.png`. */
  contentPath: string
}

export interface ThemeFile extends BackupFile {
  /** The theme's name on the site it came from: Ghost names an uploaded theme after its zip. */
  name: string
}

/** What a backup folder holds, read once before anything is sent. */
export interface BackupSource {
  dir: string
  manifest?: Manifest
  content?: BackupFile
  members?: BackupFile
  themes: ThemeFile[]
  routes?: BackupFile
  redirects?: BackupFile
  siteFiles: SiteFileEntry[]
  /** Files the manifest lists that are not in the folder. */
  absent: string[]
  /** Parts the backup holds something for, in canonical order. */
  parts: Part[]
}

/**
 * Reads a backup folder (the layout `runBackup` writes). The manifest, when there is one,
 * names the files and their checksums; without one (a folder put together by hand) the
 * parts are found by their paths.
 */
export async function readBackupSource(dir: string): Promise<BackupSource> {
  const info = await lstat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw new Error(`There is no backup folder at ${dir}.`)
  const manifest = await readManifest(dir)
  const listed = new Map((manifest?.files ?? []).map((file) => [file.path, file.sha256]))
  const absent: string[] = []
  const file = async (relative: string): Promise<BackupFile | undefined> => {
    const found = await fileAt(dir, relative, listed.get(relative))
    if (!found && listed.has(relative)) absent.push(relative)
    return found
  }

  const siteFiles: SiteFileEntry[] = []
  for (const kind of FILE_PARTS) {
    const relatives = manifest
      ? [...listed.keys()].filter((relative) => relative.startsWith(`${kind}/`))
      : (await listFiles(path.join(dir, kind)).catch(() => [])).map((relative) => `${kind}/${relative}`)
    for (const relative of relatives) {
      const found = await file(relative)
      if (found) siteFiles.push({ ...found, kind, contentPath: relative.slice(kind.length + 1) })
    }
  }

  const source: BackupSource = {
    dir,
    manifest,
    content: await file(CONTENT_FILE),
    members: await file(MEMBERS_FILE),
    themes: await readThemes(dir, manifest, file),
    routes: await file(`${SETTINGS_FOLDER}/routes.yaml`),
    redirects: (await file(`${SETTINGS_FOLDER}/redirects.yaml`)) ?? (await file(`${SETTINGS_FOLDER}/redirects.json`)),
    siteFiles,
    absent,
    parts: [],
  }
  const holds: Record<Part, boolean> = {
    content: !!source.content,
    members: !!source.members,
    themes: source.themes.length > 0 || !!manifest?.activeTheme,
    settings: !!source.routes || !!source.redirects,
    images: siteFiles.some((entry) => entry.kind === 'images'),
    media: siteFiles.some((entry) => entry.kind === 'media'),
    files: siteFiles.some((entry) => entry.kind === 'files'),
  }
  source.parts = PARTS.filter((part) => holds[part])
  if (source.parts.length === 0) {
    throw new Error(`${dir} does not look like a backup: it has no ${MANIFEST_FILE}, ${CONTENT_FILE} or other parts.`)
  }
  return source
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  let manifest: Manifest
  try {
    manifest = JSON.parse(text) as Manifest
  } catch {
    throw new Error(`${MANIFEST_FILE} in ${dir} is not valid JSON: the backup is damaged.`)
  }
  if (manifest?.format !== 1 || !Array.isArray(manifest.files)) {
    throw new Error(`${MANIFEST_FILE} in ${dir} is not a manifest this tool wrote (format 1).`)
  }
  return manifest
}

/** Ghost names an uploaded theme after its zip; the backup's file name can differ (`@` became `-`). */
async function readThemes(
  dir: string,
  manifest: Manifest | undefined,
  file: (relative: string) => Promise<BackupFile | undefined>,
): Promise<ThemeFile[]> {
  const names = await readdir(path.join(dir, THEMES_FOLDER)).catch(() => [] as string[])
  const themes: ThemeFile[] = []
  for (const name of names.filter((entry) => entry.endsWith('.zip')).sort()) {
    const found = await file(`${THEMES_FOLDER}/${name}`)
    const base = name.slice(0, -'.zip'.length)
    const active = manifest?.activeTheme
    const sameAsActive = active !== undefined && active.replace(/[^A-Za-z0-9._-]/g, '-') === base
    if (found) themes.push({ ...found, name: sameAsActive ? active : base })
  }
  return themes
}

/** A regular file at a safe relative path, or undefined; never follows a link out of the backup. */
async function fileAt(dir: string, relative: string, sha256?: string): Promise<BackupFile | undefined> {
  if (!isPlainRelativePath(relative)) return undefined
  const absolute = path.join(dir, ...relative.split('/'))
  const info = await lstat(absolute).catch(() => undefined)
  if (!info?.isFile()) return undefined
  return { path: relative, absolute, size: info.size, sha256 }
}
