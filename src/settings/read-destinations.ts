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

/** The destination inputs, read only for the destinations chosen. */
export function readDestinations(input: InputSource): DestinationSettings {
  const chosen = parseDestinations(input('destination'))
  const settings: DestinationSettings = {}
  if (chosen.has('artifact')) {
    const retention = input('retention-days').trim()
    settings.artifact = {
      nameTemplate: input('artifact-name'),
      retentionDays: retention ? parseInteger('retention-days', retention, 1, 90) : undefined,
      compressionLevel: parseInteger('compression-level', input('compression-level'), 0, 9),
      overwrite: parseBoolean('overwrite', input('overwrite')),
    }
  }
  if (chosen.has('commit')) {
    settings.commit = {
      token: requireToken(input('github-token')),
      ...parseRepository(input('repository')),
      branch: parseBranch(input('branch')),
      pathTemplate: parseCommitPath(input('commit-path')),
      messageTemplate: input('commit-message').trim() || 'Back up {host} ({date})',
    }
  }
  return settings
}
