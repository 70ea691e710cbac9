import {
  type DestinationSettings,
  parseBranch,
  parseCommitPath,
  parseDestinations,
  parseRepository,
  requireToken,
} from './destinations.js'
import type { InputSource } from './inputs.js'
import { parseBoolean, parseInteger } from './parse.js'

/**
 * The destination inputs. Every value is checked, even for a destination not chosen, so a
 * mistake shows the day it is made rather than the day the destination is switched on.
 */
export function readDestinations(input: InputSource): DestinationSettings {
  const chosen = parseDestinations(input('destination'))
  const settings: DestinationSettings = {}
  const retention = input('retention-days').trim()
  const artifact = {
    nameTemplate: input('artifact-name'),
    retentionDays: retention ? parseInteger('retention-days', retention, 1, 90) : undefined,
    compressionLevel: parseInteger('compression-level', input('compression-level'), 0, 9),
    overwrite: parseBoolean('overwrite', input('overwrite')),
  }
  const branch = parseBranch(input('branch'))
  const pathTemplate = parseCommitPath(input('commit-path'))
  if (chosen.has('artifact')) settings.artifact = artifact
  if (chosen.has('commit')) {
    settings.commit = {
      token: requireToken(input('github-token')),
      ...parseRepository(input('repository')),
      branch,
      pathTemplate,
      messageTemplate: input('commit-message').trim() || 'Back up {host} ({date})',
    }
  }
  return settings
}
