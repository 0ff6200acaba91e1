import { describe, expect, it } from 'vitest'
import { screenStudies } from '../../src/shared/meta/screenStudies'

/**
 * screenStudies takes `sei` squared when `vi` is missing — missing meaning null as well as
 * undefined or NaN (a JSON or CSV reader gives null for an empty cell). The mutation run found
 * no test with `vi: null` beside a standard error (docs/mutation.md).
 */
describe('screenStudies: a null vi falls back to sei', () => {
  it('uses sei² when vi is null, as when it is absent or NaN', () => {
    const screened = screenStudies([
      { study: 'null vi', yi: 0.1, vi: null, sei: 0.2 },
      { study: 'absent vi', yi: 0.1, sei: 0.2 },
      { study: 'NaN vi', yi: 0.1, vi: Number.NaN, sei: 0.2 },
    ])
    expect(screened.kept).toEqual([0, 1, 2])
    // 0.2² in floating point, the same product the code forms.
    expect(screened.vi).toEqual([0.2 * 0.2, 0.2 * 0.2, 0.2 * 0.2])
    expect(screened.records.map((r) => r.excluded)).toEqual([false, false, false])
  })
})
