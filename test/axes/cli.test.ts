import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { mainAsync } from '../../src/cli/main'
import { axesTransform } from '../../src/shared/calibration/axes'
import { expectClose } from '../helpers/close'
import { renderAxisFigure } from './axisFigure'

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await mainAsync(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  })
  return { code, stdout, stderr }
}

describe('kmpool axes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-axes-'))
  const fig = renderAxisFigure({
    width: 800,
    height: 600,
    xTicks: [0, 12, 24, 36, 48],
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    yFormat: (v) => v.toFixed(1),
    fontSize: 14,
    xTitle: 'Time (months)',
    riskTable: true,
  })
  const image = join(dir, 'figure.png')
  writeFileSync(image, fig.file)

  it('writes a verified calibration that maps every tick within 1 px', async () => {
    const out = join(dir, 'cal.json')
    const r = await run(['axes', '--image', image, '--out', out])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/time \(x\)\s+verified/)
    const cal = JSON.parse(readFileSync(out, 'utf8'))
    expect(cal.yScale).toBe('proportion')
    expect(cal.timeUnit).toBe('months')
    const t = axesTransform(cal)
    for (const k of fig.xTicks)
      expectClose(t.toPixel(k.value, 0).px, k.px, { abs: 1 }, `x ${k.value}`)
    for (const k of fig.yTicks)
      expectClose(t.toPixel(0, k.value).py, k.py, { abs: 1 }, `y ${k.value}`)
  })

  it('prints JSON with each axis and the problems', async () => {
    const r = await run(['axes', '--image', image, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(Object.keys(json)).toEqual(['calibration', 'x', 'y', 'problems'])
    expect(json.x).toMatchObject({ verified: true, scale: 'linear', ticks: 5 })
    expect(json.y).toMatchObject({ verified: true, scale: 'linear', ticks: 6 })
    expect(json.x.max_residual_px).toBeLessThanOrEqual(1)
  })

  it('exits 1 with one line when the axes cannot be verified', async () => {
    const canvas = createCanvas(200, 150)
    const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, 200, 150)
    const blank = join(dir, 'blank.png')
    writeFileSync(blank, canvas.toBuffer('image/png'))
    const out = join(dir, 'none.json')
    const r = await run(['axes', '--image', blank, '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^kmpool axes: .*blank\.png: the axes could not be verified/)
    expect(() => readFileSync(out)).toThrow()
  })

  it('says what is missing in one line', async () => {
    const r = await run(['axes'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--image is required/)
  })
})
