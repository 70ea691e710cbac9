import { invalidInput } from '../settings/input-error.js'
import { fillPlaceholders, type PlaceholderValues } from '../util/placeholders.js'

/**
 * Characters the artifact service refuses in a name (@actions/artifact's
 * validateArtifactName: `"` `:` `<` `>` `|` `*` `?` CR LF `\` `/`). They would fail the upload
 * only after the whole backup ran, and a host with a port or a date with a time brings them in
 * without the user typing any, so they are replaced rather than refused.
 */
const REFUSED = /[":<>|*?\r\n\\/]/g

/** Fills `{host}`, `{date}` and `{run}` into the template and makes the result a name the service takes. */
export function artifactName(template: string, values: PlaceholderValues): string {
  const name = fillPlaceholders(template, values).replace(REFUSED, '-').trim()
  // Nothing but dashes would upload, but as an artifact nobody could tell apart from another.
  if (!/[^-\s]/.test(name)) {
    throw invalidInput('artifact-name', template, 'a name for the artifact, such as ghost-backup-{host}-{date}')
  }
  return name
}
