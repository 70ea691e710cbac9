import * as path from 'node:path'
import type { FilePart } from '../settings/parts.js'

/**
 * How Ghost's content importer (`POST /db/` with a zip) stores the files inside, read from
 * core/server/data/importer in Ghost 5.130.6 and 6.65.0 and checked on both:
 * - Each handler (images, media, files) takes every entry in the zip whose extension is on
 *   its list, wherever it sits, strips a leading `content/` and `<its type>/` and stores it
 *   at the rest of the path under `content/<its type>/`. So `images/2025/01/a.png` lands
 *   at `content/images/2025/01/a.png`: the same path, the same bytes.
 * - A handler whose list also has the extension stores a second copy under its own folder:
 *   Ghost 6's files list has png, jpg, mp3, wav..., so `images/2025/01/a.png` also
 *   becomes `content/files/images/2025/01/a.png`. Nothing links those copies.
 * - The JSON and Markdown handlers read every .json/.md in the zip as content to import,
 *   and the Revue handler every .csv and .json, so such files cannot travel in a zip.
 * - The storage renames the file (characters other than letters, digits, `_`, `@`, `.`
 *   become `-`) and adds `-1` when the name is taken.
 */
const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.gif', '.png', '.svg', '.svgz', '.ico', '.webp']
const MEDIA_EXTENSIONS = ['.mp4', '.webm', '.ogv', '.mp3', '.wav', '.ogg', '.m4a']
const FILE_EXTENSIONS_5 = '.pdf .json .jsonld .odp .ods .odt .ppt .pptx .rtf .txt .xls .xlsx .xml'.split(' ')
const FILE_EXTENSIONS_6 = (
  '.7z .aac .ai .aif .aiff .apkg .arw .avif .avi .blend .bmp .bz2 .cr2 .cr3 .css .csv .deb .dng .doc .docx .eot ' +
  '.epub .eps .fb2 .fbx .flac .geojson .gif .glb .gltf .gpx .gz .heic .heif .html .ics .ipynb .jpeg .jpg .js .json ' +
  '.jsonld .key .kml .m4a .m4v .md .mid .midi .mkv .mobi .mov .mp3 .mp4 .nef .np3 .numbers .obj .odp .ods .odt .ogv ' +
  '.opus .orf .otf .pages .paprikarecipes .pdf .png .ppt .pptx .psd .py .raf .rar .rpm .rtf .rw2 .skp .stl .svg ' +
  '.tar .tgz .tif .tiff .toml .tsv .ttf .txt .vcf .wav .webm .webp .woff .woff2 .xcf .xls .xlsb .xlsm .xlsx .xml ' +
  '.yaml .zip'
).split(' ')
const READ_AS_CONTENT = ['.json', '.md', '.markdown', '.csv']

/** Ghost accepts these as video thumbnails beside a media file (`PUT /media/thumbnail/upload/`). */
const THUMBNAIL_EXTENSIONS = IMAGE_EXTENSIONS

/** Zip entries are 32-bit sized: a file this large cannot travel without ZIP64, which is not written. */
export const MAX_ZIPPED_FILE = 0xffff_ffff - 1024

export type Placement =
  /** In a zip through `POST /db/`; `strays` are the extra copies Ghost also writes, under content/. */
  | { how: 'zip'; strays: string[] }
  /** A video thumbnail (an image under media/), put beside its video one by one. */
  | { how: 'thumbnail' }
  | { how: 'none'; reason: string }

function extensionsFor(kind: FilePart, major: number): string[] {
  if (kind === 'images') return IMAGE_EXTENSIONS
  if (kind === 'media') return MEDIA_EXTENSIONS
  return major >= 6 ? FILE_EXTENSIONS_6 : FILE_EXTENSIONS_5
}

/** The name Ghost's storage gives a file (ghost-storage-base `getSanitizedFileName`). */
export function ghostFileName(name: string): string {
  const ext = path.posix.extname(name)
  if (/\.\d+$/.test(ext)) return name.replace(/[^\w@.]/g, '-')
  return `${path.posix.basename(name, ext).replace(/[^\w@.]/g, '-')}${ext}`
}

/** Whether and how a file of the backup can be put back at its path on a Ghost of `major`. */
export function placeSiteFile(kind: FilePart, contentPath: string, size: number, major: number): Placement {
  const name = path.posix.basename(contentPath)
  const ext = path.posix.extname(name).toLowerCase()
  if (ghostFileName(name) !== name) {
    return {
      how: 'none',
      reason: `Ghost would store it as '${ghostFileName(name)}' (it replaces characters other than letters, digits, _, @ and .), so its links would break`,
    }
  }
  if (size > MAX_ZIPPED_FILE) return { how: 'none', reason: 'it is larger than 4 GiB' }
  if (kind === 'media' && THUMBNAIL_EXTENSIONS.includes(ext)) return { how: 'thumbnail' }
  if (READ_AS_CONTENT.includes(ext)) {
    return { how: 'none', reason: `Ghost's importer reads every ${ext} file in a zip as content to import` }
  }
  if (!extensionsFor(kind, major).includes(ext)) {
    return {
      how: 'none',
      reason: `Ghost ${major}'s importer does not store ${ext || 'extension-less'} files in ${kind}/`,
    }
  }
  const strays = (['images', 'media', 'files'] as const)
    .filter((other) => other !== kind && extensionsFor(other, major).includes(ext))
    .map((other) => `${other}/${kind}/${contentPath}`)
  return { how: 'zip', strays }
}

/** The Content-Type Ghost's upload check expects for an image of this name. */
export function imageContentType(name: string): string {
  const ext = path.posix.extname(name).toLowerCase()
  const types: Record<string, string> = {
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.svgz': 'image/svg+xml',
    '.ico': 'image/x-icon',
    '.webp': 'image/webp',
  }
  return types[ext] ?? 'application/octet-stream'
}
