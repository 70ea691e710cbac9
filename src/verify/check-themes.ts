import { THEMES_FOLDER, themeZipPath } from '../backup/layout.js'
import { BUNDLED_THEMES } from '../ghost/exports/themes.js'
import { backupFile, hasPart, type VerifyContext } from './context.js'
import { readZipDirectory, ZipDamage } from './zip-directory.js'

const THEME_ZIP = new RegExp(`^${THEMES_FOLDER}/[^/]+\\.zip$`)

/**
 * Checks every theme zip opens as a zip (Ghost's theme upload refuses any other), and that
 * the active theme, which the site cannot look right without, has one.
 */
export async function checkThemes(context: VerifyContext): Promise<void> {
  const zips = [...context.listed].filter((file) => THEME_ZIP.test(file))
  for (const zip of zips.filter((file) => context.present.has(file))) {
    try {
      const entries = await readZipDirectory(backupFile(context, zip))
      if (entries === 0) context.problems.add('theme', zip, 'a zip with no files in it, so no theme')
    } catch (error) {
      if (!(error instanceof ZipDamage)) throw error
      context.problems.add('theme', zip, error.message)
    }
  }
  const active = context.manifest.activeTheme
  // Ghost ships its own themes with every install: a restore needs no zip for them.
  if (!hasPart(context, 'themes') || !active || BUNDLED_THEMES.has(active)) return
  const expected = themeZipPath(active)
  if (!zips.includes(expected)) {
    context.problems.add(
      'active-theme',
      expected,
      `the manifest names '${active}' as the active theme, but its zip is not in the backup`,
    )
  }
}
