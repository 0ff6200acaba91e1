/**
 * The time unit an axis title names ("Time (months)", "Years since randomisation", "Follow-up,
 * days"), or undefined when it names none or more than one.
 */
export function timeUnitOf(title: string): 'days' | 'weeks' | 'months' | 'years' | undefined {
  const found = new Set<'days' | 'weeks' | 'months' | 'years'>()
  for (const m of title.toLowerCase().matchAll(/\b(day|week|month|year)s?\b/g)) {
    found.add(`${m[1]}s` as 'days' | 'weeks' | 'months' | 'years')
  }
  return found.size === 1 ? [...found][0] : undefined
}
