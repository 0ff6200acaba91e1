import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { traceOutput } from '../../src/cli/schemas'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

/**
 * Issue 10, silent failures under dense censor marks, on generated NEJM-style figures (black "+"
 * on coloured 1 px curves). Which arm of which figure is traced wrong, and which whole, was
 * measured against the figure's truth (test/trace/wholeness.ts) in the 2026-12-06 session: a
 * regression lock of kmpool's traces, not an external reference.
 */
function traced(seed: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'nejm'))
  return traceCurves(
    fig.image,
    fig.calibration,
    fig.arms.map((a) => parseColor(a.color)),
  )
}

describe('trace status under dense censor marks (generated NEJM figures)', () => {
  it('lists the stretch where the trace went wrong under marks', () => {
    // Seed 3032, arm A (red): at 0.95–1.46 months its line is hidden under black marks and the
    // blue arm, and the trace drops 6.6 px early there; it used to say `whole`.
    const a = traced(3032)[0]
    expect(a.status.status).toBe('inferred')
    const hidden = a.status.stretches.filter((s) => s.kind === 'under' && s.underMarks)
    expect(hidden.some((s) => s.from <= 0.95 && s.to >= 1.46)).toBe(true)
  })

  it('says nothing of marks on an arm traced whole beside them', () => {
    // Seed 4016, arm B (blue): dense marks, traced whole (within 2 px over 98% of its columns).
    const b = traced(4016)[1]
    expect(b.status).toEqual({ status: 'whole', stretches: [] })
  })
})

describe('kmpool trace prints a stretch under censor marks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-under-marks-'))
  const fig = renderKmFigure(styledFigureSpec(3032, 'nejm'))
  const image = join(dir, 'figure.png')
  const cal = join(dir, 'calibration.json')
  writeFileSync(image, fig.file)
  writeFileSync(cal, JSON.stringify(fig.calibration))
  const colors = fig.arms.map((a) => a.color).join(',')
  const run = (extra: string[]) => {
    let stdout = ''
    const argv = ['trace', '--image', image, '--calibration', cal, '--color', colors, ...extra]
    const code = main(argv, { stdout: (s) => (stdout += s), stderr: () => {} })
    return { code, stdout }
  }

  it('in JSON, as an under stretch with under_marks and no colour', () => {
    const r = run(['--json'])
    expect(r.code).toBe(0)
    // The output keeps to the published schema (docs/cli-schemas/trace.schema.json).
    const [a] = traceOutput.parse(JSON.parse(r.stdout)).curves
    const hidden = a.stretches.filter((s: { under_marks?: boolean }) => s.under_marks === true)
    expect(hidden.length).toBeGreaterThan(0)
    for (const s of hidden) {
      expect(s.kind).toBe('under')
      expect(s.under_color).toBeUndefined()
    }
  })

  it('in text, in plain words', () => {
    const r = run([])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /#bc3c29: from 0\.\d+ to \d\.\d+, hidden under censor marks: the trace there follows the marks/,
    )
  })
})
