import { type ParseArgsConfig, parseArgs } from 'node:util'
import { usageError } from './cliError'

/**
 * Node's parseArgs, refusing an option given more than once unless it is declared `multiple`:
 * parseArgs keeps the last value and drops the others without a word, so that
 * `kmpool trace --color A --color B` traced B alone.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T) {
  const parsed = parseArgs({ ...config, tokens: true })
  const seen = new Map<string, string | undefined>()
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || config.options?.[token.name]?.multiple) continue
    if (seen.has(token.name)) {
      const values = [seen.get(token.name), token.value].filter((v) => v !== undefined)
      const which = values.length === 2 ? ` ("${values[0]}", then "${values[1]}")` : ''
      throw usageError(`--${token.name} is given more than once${which}: give it once`)
    }
    seen.set(token.name, token.value)
  }
  return parsed
}
