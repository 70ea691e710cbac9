import { InputError } from '../settings/input-error.js'
import { INPUTS, type InputSource } from '../settings/inputs.js'

export interface ParsedArgs {
  help: boolean
  version: boolean
  /** Options given as flags, by input name. */
  flags: Map<string, string>
}

/** The environment variable an input is read from: `staff-token` -> `GHOST_STAFF_TOKEN`. */
export function envName(input: string): string {
  return `GHOST_${input.toUpperCase().replace(/-/g, '_')}`
}

const BOOLEAN_INPUTS = new Set(INPUTS.filter((input) => input.default === 'false').map((input) => input.name))

/** `--name value`, `--name=value`, and bare `--flag` for true/false options. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { help: false, version: false, flags: new Map() }
  const known = new Set(INPUTS.map((input) => input.name))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') parsed.help = true
    else if (arg === '--version' || arg === '-V') parsed.version = true
    else if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=')
      if (!known.has(name))
        throw new InputError(`Unknown option '--${name}'. Run 'ghost-backup --help' for the options.`)
      if (inline !== undefined) parsed.flags.set(name, inline)
      else if (BOOLEAN_INPUTS.has(name) && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) {
        parsed.flags.set(name, 'true')
      } else {
        const value = argv[++i]
        if (value === undefined) throw new InputError(`Option '--${name}' needs a value.`)
        parsed.flags.set(name, value)
      }
    } else {
      throw new InputError(`Unexpected argument '${arg}'. Options start with '--'; run 'ghost-backup --help'.`)
    }
  }
  return parsed
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

/** Where the CLI differs from the action: without a runner there is no artifact to upload to. */
export const CLI_DEFAULTS: Record<string, string> = { destination: 'none' }

/** Flags first, then `GHOST_*` variables: the same inputs the action reads. */
export function cliInputSource(args: ParsedArgs, env: NodeJS.ProcessEnv): InputSource {
  return (name) => args.flags.get(name) ?? env[envName(name)] ?? CLI_DEFAULTS[name] ?? ''
}
