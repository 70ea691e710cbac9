import { invalidInput } from './input-error.js'

/** `true` or `false` (any case); empty is false. */
export function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false' || value === '') return false
  throw invalidInput(name, raw, 'true or false')
}

/** A whole number within [min, max]. */
export function parseInteger(name: string, raw: string, min: number, max: number): number {
  const value = raw.trim()
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidInput(name, raw, `a whole number from ${min} to ${max}`)
  }
  return Number(value)
}
