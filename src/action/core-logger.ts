import * as core from '@actions/core'
import type { Logger } from '../util/logger.js'

/** Progress through the runner's log, where `::add-mask::` hides credentials. */
export const coreLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (name, fn) => core.group(name, fn),
  setSecret: (secret) => core.setSecret(secret),
}
