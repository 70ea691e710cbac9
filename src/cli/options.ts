import { InputError } from '../settings/input-error.js'

export interface TakenOptions {
  positional: string[]
  /** `--name value` / `--name=value`, each occurrence kept. */
  values: Map<string, string[]>
  /** Bare `--flag`s (and --help). */
  flags: Set<string>
}

/** Reads a subcommand's arguments: the options it names, any number of positional arguments. */
export function takeOptions(argv: readonly string[], valueNames: string[], flagNames: string[]): TakenOptions {
  const taken: TakenOptions = { positional: [], values: new Map(), flags: new Set() }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') taken.flags.add('help')
    else if (arg.startsWith('--')) {
      const at = arg.indexOf('=')
      const name = at < 0 ? arg.slice(2) : arg.slice(2, at)
      if (flagNames.includes(name) && at < 0) taken.flags.add(name)
      else if (valueNames.includes(name)) {
        const value = at < 0 ? argv[++i] : arg.slice(at + 1)
        if (value === undefined) throw new InputError(`Option '--${name}' needs a value.`)
        taken.values.set(name, [...(taken.values.get(name) ?? []), value])
      } else throw new InputError(`Unknown option '--${name}'.`)
    } else taken.positional.push(arg)
  }
  return taken
}
