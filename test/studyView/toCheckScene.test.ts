import { describe, expect, it } from 'vitest'
import { drawScene } from '../../src/renderer/src/canvas/scene'
import { useStudy, type StudyState } from '../../src/renderer/src/store/store'
import { emptyStudy, type Study } from '../../src/shared/model/study'

/** A 2-D context that records what is drawn: rectangles stroked, texts filled, stroke colours. */
function recorder() {
  const rects: number[][] = []
  const texts: string[] = []
  const strokes: string[] = []
  const ctx = new Proxy(
    {},
    {
      get(target: Record<string | symbol, unknown>, key) {
        if (key === 'strokeRect') return (...a: number[]) => rects.push(a)
        if (key === 'fillText') return (t: string) => texts.push(t)
        if (key === 'stroke') return () => strokes.push(String(target.strokeStyle))
        if (key === 'measureText') return () => ({ width: 10 })
        if (key in target) return target[key]
        return () => {}
      },
      set(target, key, value) {
        target[key] = value
        return true
      },
    },
  ) as unknown as CanvasRenderingContext2D
  return { ctx, rects, texts, strokes }
}

/** A study whose curve c1 was traced and its risk table read (100 read at 0, nothing at 6). */
const study: Study = {
  ...emptyStudy(),
  curves: [
    {
      id: 'c1',
      name: 'Placebo',
      color: '#1f77b4',
      points: [
        { px: 100, py: 50, time: 0, surv: 1 },
        { px: 300, py: 120, time: 12, surv: 0.6 },
      ],
      risk: [{ time: 0, nRisk: 100 }],
    },
  ],
  provenance: {
    curves: { c1: { from: 'read', confirmed: false, notes: [] } },
    risk: {
      c1: {
        from: 'read',
        confirmed: false,
        notes: [],
        cells: [
          { time: 0, x0: 95, y0: 400, x1: 115, y1: 412, n: 100 },
          { time: 6, x0: 195, y0: 400, x1: 210, y1: 412 },
        ],
      },
    },
  },
}

describe('the parts to check on the canvas', () => {
  const state: StudyState = { ...useStudy.getState(), study, tool: 'add' }

  it('outlines each cell with the number read or "?" and cases the curve, while editing', () => {
    const r = recorder()
    drawScene(r.ctx, state, 1, { editing: true })
    expect(r.rects).toHaveLength(2)
    expect(r.texts).toEqual(expect.arrayContaining(['100', '?']))
    expect(r.strokes).toContain('#f59e0b')
  })

  it('leaves every highlight out of the exported figure', () => {
    const r = recorder()
    drawScene(r.ctx, state, 1, { editing: false })
    expect(r.rects).toHaveLength(0)
    expect(r.texts).not.toContain('100')
    expect(r.texts).not.toContain('?')
    expect(r.strokes).not.toContain('#f59e0b')
  })
})
