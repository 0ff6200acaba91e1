import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Image } from '@napi-rs/canvas'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { readIpdFile } from '../../src/shared/formats/ipdFile'
import { integratedAbsoluteError } from '../bench/metrics'
import { FIXTURES, loadFixture } from './helpers'

function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

const dir = mkdtempSync(join(tmpdir(), 'kmpool-pdf-cli-'))
const lung = loadFixture('lung')
const trace = (...args: string[]) =>
  run(['trace', '--pdf', lung.pdf, '--calibration', lung.json, '--color', 'auto', ...args])

function pngSize(path: string) {
  const image = new Image()
  image.src = readFileSync(path)
  return [image.width, image.height]
}

describe('kmpool trace --pdf', () => {
  it('reads the vector curves that kmpool reconstruct turns into the true IPD', () => {
    const out = join(dir, 'lung.csv')
    const censor = join(dir, 'lung_censor.csv')
    const r = trace('--out', out, '--censor-out', censor)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('vector graphics')
    for (const arm of lung.arms) {
      const hex = arm.color.slice(1)
      const risk = join(dir, `risk_${hex}.csv`)
      writeFileSync(
        risk,
        `time,n_risk\n${arm.risk.map((x) => `${x.time},${x.nRisk}`).join('\n')}\n`,
      )
      const ipdFile = join(dir, `ipd_${hex}.csv`)
      const rec = run([
        'reconstruct',
        '--points',
        join(dir, `lung_${hex}.csv`),
        '--risk',
        risk,
        '--censor',
        join(dir, `lung_censor_${hex}.csv`),
        '--out',
        ipdFile,
      ])
      expect(rec.code).toBe(0)
      const ipd = readIpdFile(readFileSync(ipdFile, 'utf8'), ipdFile)
      expect(ipd).toHaveLength(arm.ipd.length)
      expect(integratedAbsoluteError(ipd, arm.ipd)).toBeLessThan(0.003)
    }
  })

  it('prints JSON saying where the curves came from, and names same-coloured curves apart', () => {
    const r = trace('--json')
    const json = JSON.parse(r.stdout)
    expect(json.source).toBe('vector')
    expect(json.curves.map((c: { color: string }) => c.color)).toEqual(['#1f77b4', '#d62728'])
    expect(json.curves[0]).toMatchObject({ dash: [], line_width: 3 })
    expect(json.curves[0].censor).toHaveLength(lung.arms[0].censor.length)

    const veteran = loadFixture('veteran')
    const out = join(dir, 'veteran.csv')
    const v = run(['trace', '--pdf', veteran.pdf, '--calibration', veteran.json])
    expect(v.code).toBe(2)
    const w = run([
      'trace',
      ...['--pdf', veteran.pdf, '--calibration', veteran.json, '--color', '#000000'],
      ...['--out', out],
    ])
    expect(w.code).toBe(0)
    expect(w.stdout).toContain('veteran_000000.csv, ')
    expect(w.stdout).toContain('veteran_000000_2.csv')
  })

  it('writes the rendered page, whole or cropped, for reading calibration pixels', () => {
    const page = join(dir, 'page.png')
    expect(trace('--render-out', page).code).toBe(0)
    expect(pngSize(page)).toEqual([1152, 864])
    trace('--render-out', page, '--scale', '1')
    expect(pngSize(page)).toEqual([576, 432])

    // A crop shifts the calibration's pixels by its corner; the curves read stay the same.
    const cal = JSON.parse(readFileSync(lung.json, 'utf8')).calibration
    for (const k of ['x1', 'x2', 'y1', 'y2']) {
      cal[k].px -= 100
      cal[k].py -= 20
    }
    const cropCal = join(dir, 'crop.json')
    writeFileSync(cropCal, JSON.stringify(cal))
    const cropped = run([
      'trace',
      ...['--pdf', lung.pdf, '--calibration', cropCal, '--color', '#d62728'],
      ...['--crop', '100,20,1000,800', '--render-out', page, '--json'],
    ])
    expect(cropped.code).toBe(0)
    expect(pngSize(page)).toEqual([1000, 800])
    const whole = JSON.parse(trace('--json').stdout).curves[1].points
    const fromCrop = JSON.parse(cropped.stdout).curves[0].points
    expect(fromCrop.map((p: { time: number }) => p.time)).toEqual(
      whole.map((p: { time: number }) => p.time),
    )
  })

  it('keeps the vector curves of the colours given that have one, and names the one without', () => {
    const first = JSON.parse(trace('--json').stdout).curves[0].color
    const r = run([
      'trace',
      '--pdf',
      lung.pdf,
      '--calibration',
      lung.json,
      '--color',
      `${first},#00ff00`,
      '--json',
    ])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.source).toBe('vector')
    expect(json.curves.map((c: { color: string }) => c.color)).toEqual([first])
    expect(json.warnings).toContainEqual({
      code: 'curve-not-traced',
      color: '#00ff00',
      message: expect.stringMatching(/no curve of that colour among the page's vector curves \(#/),
    })
    expect(r.stderr).toMatch(/page 1: 1 of the 2 colours given could not be traced \(#00ff00;/)
  })

  describe('a page without vector curves', () => {
    const raster = join(dir, 'raster.pdf')
    const blank = join(dir, 'blank.pdf')
    beforeAll(async () => {
      // The R figure as a picture in a PDF, as scanned or pasted figures are.
      const png = join(dir, 'lung.png')
      expect(trace('--render-out', png).code).toBe(0)
      const doc = await PDFDocument.create()
      const page = doc.addPage([576, 432])
      page.drawImage(await doc.embedPng(readFileSync(png)), { x: 0, y: 0, width: 576, height: 432 })
      writeFileSync(raster, await doc.save())
      const empty = await PDFDocument.create()
      empty.addPage([576, 432]).drawText('Figure 2', { x: 50, y: 400 })
      writeFileSync(blank, await empty.save())
    })

    it('is rendered and traced as pixels', () => {
      const r = run([
        'trace',
        '--pdf',
        raster,
        '--calibration',
        lung.json,
        '--color',
        'auto',
        '--json',
      ])
      expect(r.stderr).toBe('')
      const json = JSON.parse(r.stdout)
      expect(json.source).toBe('pixels')
      expect(json.curves).toHaveLength(2)
      expect(json.curves[0].columns_seen).toBeGreaterThan(100)
    })

    it('keeps the curves traced when a colour given is not, naming the page', () => {
      const auto = JSON.parse(
        run(['trace', '--pdf', raster, '--calibration', lung.json, '--color', 'auto', '--json'])
          .stdout,
      )
      const first = auto.curves[0].color
      const args = ['--pdf', raster, '--calibration', lung.json, '--color', `${first},#00ff00`]
      const r = run(['trace', ...args, '--json'])
      expect(r.code).toBe(1)
      expect(JSON.parse(r.stdout).curves.map((c: { color: string }) => c.color)).toEqual([first])
      expect(r.stderr).toMatch(
        /^kmpool trace: .*raster\.pdf: page 1: 1 of the 2 colours given could not be traced \(#00ff00; see the warnings\)/,
      )
    })

    it('with nothing to trace fails with one line', () => {
      const r = run(['trace', '--pdf', blank, '--calibration', lung.json, '--color', 'auto'])
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^kmpool trace: .*blank\.pdf: page 1: [^\n]+\n$/)
    })
  })

  it('fails with one line naming the problem', () => {
    const notPdf = join(dir, 'not.pdf')
    writeFileSync(notPdf, 'time,surv\n0,1\n')
    const cases: [string[], RegExp][] = [
      [['--page', '3'], /lung\.pdf: has 1 page; there is no page 3$/],
      [['--page', '0'], /--page must be a whole number from 1, got "0"/],
      [['--scale', '0'], /--scale must be a number above 0/],
      [['--crop', '1,2,3'], /--crop must be x,y,w,h in whole pixels/],
      [['--crop', '1000,0,500,500'], /crop 1000,0,500,500 reaches outside the 1152×864 pixel page/],
      [['--scale', '200'], /lower the scale or crop/],
      [['--image', 'x.png'], /give one figure, --image or --pdf/],
    ]
    for (const [args, message] of cases) {
      const r = trace(...args)
      expect(r.code, args.join(' ')).not.toBe(0)
      expect(r.stderr.trimEnd(), args.join(' ')).toMatch(message)
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    }
    const files: [string, RegExp][] = [
      [join(FIXTURES, 'encrypted.pdf'), /encrypted\.pdf: the PDF is protected by a password/],
      [notPdf, /not\.pdf: not a PDF this tool can read \(Invalid PDF structure\)$/],
      [join(dir, 'none.pdf'), /none\.pdf: cannot read it \(no such file\)$/],
    ]
    for (const [file, message] of files) {
      const r = run(['trace', '--pdf', file, '--calibration', lung.json, '--color', 'auto'])
      expect(r.code).toBe(1)
      expect(r.stderr.trimEnd()).toMatch(message)
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    }
    const page = run(['trace', '--image', 'x.png', '--page', '2', '--calibration', lung.json])
    expect(page.stderr).toMatch(/--page needs --pdf/)
  })
})
