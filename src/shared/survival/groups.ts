/** A group label as it appears in an IPD file's `arm` column. */
export type GroupLabel = string | number

export interface Grouping {
  /** The distinct labels, in the order used for every per-group output. */
  levels: GroupLabel[]
  /** For each patient, the position of its label in `levels`. */
  codes: Int32Array
}

/**
 * Codes a group column. Default level order is ascending (numbers numerically, otherwise by
 * UTF-16 code units), which is R's `factor()` order in the C locale; `levels` overrides it and
 * must list every label present. Throws on a length mismatch, on a label that is neither a
 * string nor a finite number, or on a label missing from `levels`.
 */
export function groupBy(
  group: readonly GroupLabel[],
  n: number,
  levels?: readonly GroupLabel[],
): Grouping {
  if (group.length !== n) throw new Error(`group has ${group.length} values, expected ${n}`)
  for (let i = 0; i < n; i++) {
    const g = group[i]
    if (typeof g !== 'string' && !(typeof g === 'number' && Number.isFinite(g))) {
      throw new Error(`group[${i}] must be a string or a finite number, got ${String(g)}`)
    }
  }
  let order: GroupLabel[]
  if (levels) {
    order = [...levels]
    if (new Set(order).size !== order.length) throw new Error('group levels are not distinct')
  } else {
    const distinct = [...new Set(group)]
    const numeric = distinct.every((g) => typeof g === 'number')
    order = distinct.sort((a, b) =>
      numeric
        ? (a as number) - (b as number)
        : String(a) < String(b)
          ? -1
          : String(a) > String(b)
            ? 1
            : 0,
    )
  }
  const index = new Map<GroupLabel, number>(order.map((g, i) => [g, i]))
  const codes = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const code = index.get(group[i])
    if (code === undefined)
      throw new Error(`group label ${String(group[i])} is not among the levels`)
    codes[i] = code
  }
  return { levels: order, codes }
}
