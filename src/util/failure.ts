/** JavaScript's own error types: raised by a bug, so their name is worth keeping in the line. */
const BUILT_IN = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError'])

/**
 * The one line a failed run ends with. Errors raised by this tool already explain
 * themselves; a bug keeps its error's name so it can be reported.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  return BUILT_IN.has(error.name) ? `${error.name}: ${error.message}` : error.message
}
