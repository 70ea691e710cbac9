import { INPUTS } from '../settings/inputs.js'
import { TOOL_VERSION } from '../version.js'
import { CLI_DEFAULTS, envName } from './args.js'

/** `--help`, built from the same input list as action.yml, so the two cannot disagree. */
export function helpText(): string {
  const options = INPUTS.map((input) => {
    const value = input.default === 'false' ? '' : ' <value>'
    const shown = CLI_DEFAULTS[input.name] ?? input.default
    const fallback = shown && shown !== 'false' && !shown.startsWith('${{') ? ` (default: ${shown})` : ''
    return `  --${input.name}${value}\n      ${input.description}${fallback}\n      Environment: ${envName(input.name)}`
  })
  return [
    `ghost-backup ${TOOL_VERSION}: back up a Ghost site over its Admin API.`,
    '',
    'Usage: ghost-backup [backup] --url https://example.com --path backup/',
    '       ghost-backup verify <backup>              check a backup offline',
    '       ghost-backup restore <backup> --url ...   put a backup into a Ghost site',
    '       ghost-backup decrypt <backup.tar.age> --out <folder>',
    "       (each command's --help tells more)",
    '',
    'Credentials are best passed in the environment (GHOST_STAFF_TOKEN), where other users',
    'of the machine cannot read them from the process list.',
    '',
    'Options:',
    ...options,
    '  --help     Show this help.',
    '  --version  Show the version.',
    '',
  ].join('\n')
}
