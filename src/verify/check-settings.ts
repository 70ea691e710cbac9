import { readFile } from 'node:fs/promises'
import { SETTINGS_FOLDER } from '../backup/layout.js'
import { backupFile, hasPart, partFileReadable, type VerifyContext } from './context.js'

const ROUTES = `${SETTINGS_FOLDER}/routes.yaml`
const REDIRECTS = [`${SETTINGS_FOLDER}/redirects.yaml`, `${SETTINGS_FOLDER}/redirects.json`]

/**
 * Checks `routes.yaml` and the redirects file hold what Ghost accepts back on upload:
 * routes as text (Ghost always has some), redirects as JSON (Ghost 5's format) or YAML.
 */
export async function checkSettingsFiles(context: VerifyContext): Promise<void> {
  if (!hasPart(context, 'settings')) return
  if (partFileReadable(context, 'settings', ROUTES)) await checkText(context, ROUTES)
  const redirects = REDIRECTS.filter((file) => context.listed.has(file))
  if (redirects.length === 0) {
    context.problems.add(
      'part-file',
      SETTINGS_FOLDER,
      "the manifest includes 'settings' but lists no redirects file (redirects.yaml or redirects.json)",
    )
  }
  for (const file of redirects.filter((name) => context.present.has(name))) {
    if (file.endsWith('.json')) await checkRedirectsJson(context, file)
    else await checkText(context, file)
  }
}

/** Non-empty text that is not an error page: YAML itself is left to Ghost to judge. */
async function checkText(context: VerifyContext, file: string): Promise<void> {
  const bytes = await readFile(backupFile(context, file))
  const fault = textFault(bytes)
  if (fault) context.problems.add(file.endsWith('routes.yaml') ? 'routes' : 'redirects', file, fault)
}

function textFault(bytes: Buffer): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'not text (invalid UTF-8): damaged'
  }
  if (text.trim() === '') return 'empty, but Ghost never writes it empty (the download went wrong or it was emptied)'
  if (text.includes('\0')) return 'not text (it holds NUL bytes): damaged'
  if (/^\s*<(!doctype|html|head|body)/i.test(text))
    return 'an HTML page, not YAML (an error page was saved in its place)'
  return undefined
}

async function checkRedirectsJson(context: VerifyContext, file: string): Promise<void> {
  const text = (await readFile(backupFile(context, file), 'utf8')).trim()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    const how = text === '' ? 'empty' : /^</.test(text) ? 'an HTML page' : 'damaged or cut short'
    context.problems.add('redirects', file, `not valid JSON (${how}), so Ghost would refuse it on upload`)
    return
  }
  if (!Array.isArray(parsed)) {
    context.problems.add('redirects', file, 'JSON, but not a list of redirects, so Ghost would refuse it on upload')
  }
}
