/**
 * A problem with what the user configured. Its message names the input and the
 * form expected, and is shown as the one line the step fails with.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** "Invalid 'name' 'value'. Expected ..." without ever echoing a secret. */
export function invalidInput(name: string, value: string | undefined, expected: string): InputError {
  const shown = value === undefined ? '' : ` '${value}'`
  return new InputError(`Invalid '${name}'${shown}. Expected ${expected}.`)
}
