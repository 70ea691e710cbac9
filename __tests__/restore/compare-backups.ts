import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { Manifest } from '../../src/backup/manifest.js'
import { csvRecords } from '../../src/restore/members-csv.js'

type Row = Record<string, unknown>
type Tables = Record<string, Row[]>

/** A backup folder read for comparison: its export's tables, members and manifest. */
export interface ReadBackup {
  dir: string
  manifest: Manifest
  tables: Tables
  members: Map<string, Record<string, string>>
}

export async function readBackup(dir: string): Promise<ReadBackup> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest
  const exported = JSON.parse(await readFile(path.join(dir, 'data/content.json'), 'utf8'))
  const members = new Map<string, Record<string, string>>()
  let header: string[] | undefined
  for await (const record of csvRecords(path.join(dir, 'data/members.csv'))) {
    if (!header) header = record
    else if (record.length > 1) {
      const row = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']))
      members.set(row.email!, row)
    }
  }
  return { dir, manifest, tables: exported.db[0].data as Tables, members }
}

/**
 * Ids and timestamps differ between any two sites and say nothing about the content;
 * everything else is compared. `comment_id` is the old post id Ghost keeps for comments.
 */
const IGNORED = /^(id|uuid|.*_id|.*_at|last_seen|comment_id)$/

/** Each row's natural key, so rows of two sites can be paired without their ids. */
function keyers(tables: Tables): Record<string, (row: Row) => string> {
  const index = (table: string, field: string) =>
    new Map((tables[table] ?? []).map((row) => [row.id as string, String(row[field])]))
  const posts = index('posts', 'slug')
  const tags = index('tags', 'slug')
  const users = index('users', 'email')
  const roles = index('roles', 'name')
  const products = index('products', 'slug')
  const benefits = index('benefits', 'name')
  return {
    posts: (row) => String(row.slug),
    posts_meta: (row) => `${posts.get(row.post_id as string)}`,
    tags: (row) => String(row.slug),
    users: (row) => String(row.email),
    roles: (row) => String(row.name),
    settings: (row) => String(row.key),
    newsletters: (row) => String(row.slug),
    products: (row) => String(row.slug),
    benefits: (row) => String(row.name),
    offers: (row) => String(row.code),
    snippets: (row) => String(row.name),
    custom_theme_settings: (row) => `${row.theme}/${row.key}`,
    posts_tags: (row) => `${posts.get(row.post_id as string)} #${row.sort_order} ${tags.get(row.tag_id as string)}`,
    posts_authors: (row) =>
      `${posts.get(row.post_id as string)} #${row.sort_order} ${users.get(row.author_id as string)}`,
    roles_users: (row) => `${users.get(row.user_id as string)} ${roles.get(row.role_id as string)}`,
    posts_products: (row) => `${posts.get(row.post_id as string)} ${products.get(row.product_id as string)}`,
    products_benefits: (row) => `${products.get(row.product_id as string)} ${benefits.get(row.benefit_id as string)}`,
  }
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? 'absent' : text.length > 160 ? `${text.slice(0, 157)}...` : text
}

/** Every difference between two exports, table by table, row by row, field by field. */
export function exportDifferences(a: Tables, b: Tables): string[] {
  const differences: string[] = []
  const keysA = keyers(a)
  const keysB = keyers(b)
  for (const table of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const keyA = keysA[table] ?? ((row: Row) => JSON.stringify(row))
    const keyB = keysB[table] ?? ((row: Row) => JSON.stringify(row))
    const rowsA = new Map((a[table] ?? []).map((row) => [keyA(row), row]))
    const rowsB = new Map((b[table] ?? []).map((row) => [keyB(row), row]))
    for (const [key, row] of rowsA) {
      const other = rowsB.get(key)
      if (!other) {
        differences.push(`${table} ${key}: only in A`)
        continue
      }
      for (const field of [...new Set([...Object.keys(row), ...Object.keys(other)])]) {
        if (IGNORED.test(field)) continue
        if (JSON.stringify(row[field]) !== JSON.stringify(other[field])) {
          differences.push(`${table} ${key} ${field}: A ${shown(row[field])} | B ${shown(other[field])}`)
        }
      }
    }
    for (const key of rowsB.keys()) if (!rowsA.has(key)) differences.push(`${table} ${key}: only in B`)
  }
  return differences
}

/** Members compared by email: every column but the id and dates. */
export function memberDifferences(a: ReadBackup, b: ReadBackup): string[] {
  const differences: string[] = []
  for (const [email, row] of a.members) {
    const other = b.members.get(email)
    if (!other) {
      differences.push(`member ${email}: only in A`)
      continue
    }
    for (const field of Object.keys(row)) {
      if (IGNORED.test(field)) continue
      const same =
        field === 'labels' ? sortedLabels(row[field]) === sortedLabels(other[field]) : row[field] === other[field]
      if (!same) differences.push(`member ${email} ${field}: A ${shown(row[field])} | B ${shown(other[field])}`)
    }
  }
  for (const email of b.members.keys()) if (!a.members.has(email)) differences.push(`member ${email}: only in B`)
  return differences
}

function sortedLabels(cell: string | undefined): string {
  return (cell ?? '').split(',').sort().join(',')
}

/** Files of the two manifests compared by path and checksum (theme zips are Ghost's own re-zips: compare their contents). */
export function fileDifferences(a: Manifest, b: Manifest): string[] {
  const differences: string[] = []
  const filesB = new Map(b.files.map((file) => [file.path, file.sha256]))
  const pathsA = new Set(a.files.map((file) => file.path))
  for (const file of a.files) {
    if (file.path.startsWith('data/') || file.path.startsWith('themes/')) continue
    if (!filesB.has(file.path)) differences.push(`file ${file.path}: only in A's backup`)
    else if (filesB.get(file.path) !== file.sha256) differences.push(`file ${file.path}: other bytes in B's backup`)
  }
  for (const file of b.files) {
    if (!pathsA.has(file.path) && !file.path.startsWith('themes/'))
      differences.push(`file ${file.path}: only in B's backup`)
  }
  return differences
}
