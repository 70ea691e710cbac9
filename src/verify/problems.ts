/** One thing wrong with a backup. */
export interface Problem {
  /** What kind of damage, stable for scripts: `checksum`, `missing-file`, `members`, ... */
  kind: string
  /** The file (relative to the backup, forward slashes) the problem is in, when there is one. */
  path?: string
  /** A sentence naming the file and what is wrong with it. */
  message: string
}

export interface VerifyReport {
  /** True when no problem was found. */
  ok: boolean
  problems: Problem[]
  checked: {
    /** Files of the manifest held against their size and sha256. */
    files: number
    /** Bytes read to do so. */
    bytes: number
    /** Images, media and files the content references, looked up in the backup. */
    references: number
  }
}

/**
 * Where the checks report to. Each check notes what it finds and carries on, so one run
 * names every damage instead of stopping at the first.
 */
export class Problems {
  readonly list: Problem[] = []

  /** `path: text`, so each line printed on its own still says which file it is about. */
  add(kind: string, path: string | undefined, text: string): void {
    this.list.push({ kind, ...(path === undefined ? {} : { path }), message: path ? `${path}: ${text}` : text })
  }
}
