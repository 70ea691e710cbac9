import { InputError } from './input-error.js'

/** The parts of a site a backup can hold, in the order they are fetched. */
export const PARTS = ['content', 'members', 'themes', 'settings', 'images', 'media', 'files'] as const
export type Part = (typeof PARTS)[number]

/** The parts whose files are found by reading the content export. */
export const FILE_PARTS = ['images', 'media', 'files'] as const
export type FilePart = (typeof FILE_PARTS)[number]

function parseList(name: string, raw: string): Part[] {
  const names = raw
    .split(/[\s,]+/)
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean)
  const unknown = names.filter((item) => item !== 'all' && !(PARTS as readonly string[]).includes(item))
  if (unknown.length > 0) {
    throw new InputError(
      `Invalid '${name}' '${unknown.join(', ')}'. Expected a comma-separated list of: all, ${PARTS.join(', ')}.`,
    )
  }
  return names.includes('all') ? [...PARTS] : (names as Part[])
}

/** `include` minus `exclude`, in the canonical order; an empty result is an error, not a silent no-op. */
export function parseParts(include: string, exclude: string): Part[] {
  const wanted = new Set(parseList('include', include || 'all'))
  for (const part of parseList('exclude', exclude)) wanted.delete(part)
  if (wanted.size === 0) {
    throw new InputError(
      `'include' and 'exclude' leave nothing to back up. Expected at least one of: ${PARTS.join(', ')}.`,
    )
  }
  return PARTS.filter((part) => wanted.has(part))
}

/** Extra tables for `GET /db/?include=`: plain table names only. */
export function parseTables(raw: string): string[] {
  const tables = raw
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean)
  const bad = tables.filter((table) => !/^[a-z_]+$/.test(table))
  if (bad.length > 0) {
    throw new InputError(
      `Invalid 'include-tables' '${bad.join(', ')}'. Expected Ghost table names such as members, members_labels, email_recipients.`,
    )
  }
  return [...new Set(tables)]
}
