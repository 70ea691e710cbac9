/**
 * Puts a results section into docs/benchmarks.md between markers of its
 * own, leaving the hand-written text around it alone, and formats
 * the file with the project's prettier settings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as prettier from 'prettier'
import { REPO_ROOT } from '../run/bundle.js'

export const DOCS_FILE = join(REPO_ROOT, 'docs', 'benchmarks.md')

/** `key` names the section, e.g. `ghost-6`; a rerun replaces the section of the same key. */
export async function writeResultsSection(key: string, section: string): Promise<void> {
  const start = `<!-- bench:${key}:start -->`
  const end = `<!-- bench:${key}:end -->`
  const block = `${start}\n\n${section.trim()}\n\n${end}`
  const text = existsSync(DOCS_FILE) ? readFileSync(DOCS_FILE, 'utf8') : '# Benchmarks\n'
  const at = text.indexOf(start)
  const until = text.indexOf(end)
  const updated =
    at >= 0 && until > at
      ? `${text.slice(0, at)}${block}${text.slice(until + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`
  const options = (await prettier.resolveConfig(DOCS_FILE)) ?? {}
  writeFileSync(DOCS_FILE, await prettier.format(updated, { ...options, filepath: DOCS_FILE }))
}
