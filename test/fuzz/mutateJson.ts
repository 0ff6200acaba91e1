import fc from 'fast-check'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * A copy of `root` with one value somewhere in it replaced, removed, or joined by a new one (the
 * place picked by `at`, the edit by `kind`): the smallest ways a payload or file goes wrong.
 */
export function mutateJson(root: Json, at: number, kind: number, value: Json, key: string): Json {
  const places: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = []
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        places.push({ parent: node, key: i })
        walk(child)
      })
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) {
        places.push({ parent: node, key: k })
        walk(child)
      }
    }
  }
  const copy = structuredClone(root)
  walk(copy)
  if (places.length === 0) return value
  const { parent, key: k } = places[at % places.length]
  if (kind % 3 === 0) (parent as { [key: string]: Json })[k] = value
  else if (kind % 3 === 1) {
    if (Array.isArray(parent)) parent.splice(k as number, 1)
    else delete parent[k as string]
  } else if (Array.isArray(parent)) parent.push(value)
  else parent[key] = value
  return copy
}

const keyArb = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'version', 'format', 'then'),
)

/** `valid` values with one mutation each. */
export function mutatedArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Json> {
  return fc
    .tuple(valid, fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, keyArb)
    .map(([v, at, kind, value, key]) =>
      mutateJson(JSON.parse(JSON.stringify(v ?? null)) as Json, at, kind, value, key),
    )
}
