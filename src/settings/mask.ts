import type { Logger } from '../util/logger.js'
import { INPUTS, type InputSource } from './inputs.js'

/**
 * Registers every credential input as a secret before anything is logged, the token's
 * secret half on its own too, so not even a fragment can surface.
 */
export function maskSecretInputs(source: InputSource, logger: Logger): void {
  for (const input of INPUTS.filter((spec) => spec.secret)) {
    const value = source(input.name).trim()
    if (!value) continue
    logger.setSecret(value)
    for (const part of value.split(':')) if (part.length >= 8) logger.setSecret(part)
  }
}
