import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, rgb } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { createHandlers, type Handlers } from '../../src/main/handlers'
import { imageMime } from '../../src/node/images'
import type { PdfDocument } from '../../src/shared/ipc/contract'
import { parseColor, deltaE, rgbToLab } from '../../src/shared/trace'

const FIXTURES = join(__dirname, '../fixtures/pdf')
const lung = JSON.parse(readFileSync(join(FIXTURES, 'lung.json'), 'utf8'))
const dir = mkdtempSync(join(tmpdir(), 'kmpool-pdf-handlers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const app = { name: 'kmpool', version: '1.2.3', platform: 'linux' }

function handlersWith(open: string[]): Handlers {
  return createHandlers({
    app,
    dialogs: { openFile: async () => open.shift() ?? null, saveFile: async () => null },
  })
}

async function openPdf(handlers: Handlers): Promise<PdfDocument> {
  const opened = await handlers['figure:open'](undefined)
  if (!opened || !('kind' in opened)) throw new Error('expected a PDF')
  return opened
}

describe('PDF figures through figure:open and the pdf: channels', () => {
  it('opens a PDF by a token, with its page count, never its path', async () => {
    const handlers = handlersWith([join(FIXTURES, 'lung.pdf')])
    const doc = await openPdf(handlers)
    expect(doc).toEqual({ kind: 'pdf', token: expect.any(String), name: 'lung.pdf', pages: 1 })
  })

  it('renders a page, or a crop of it, to a PNG to embed', async () => {
    const handlers = handlersWith([join(FIXTURES, 'lung.pdf')])
    const { token } = await openPdf(handlers)
    const page = await dispatch(handlers, 'pdf:renderPage', { token, page: 1, scale: 2 })
    const whole = page as Awaited<ReturnType<Handlers['pdf:renderPage']>>
    expect(whole.width).toBe(lung.page.width_pt * 2)
    expect(whole.height).toBe(lung.page.height_pt * 2)
    expect(imageMime(Buffer.from(whole.data, 'base64'))).toBe('image/png')
    expect(whole.sha256).toMatch(/^[0-9a-f]{64}$/)
    const crop = { x: 100, y: 40, width: 300, height: 200 }
    const part = await handlers['pdf:renderPage']({ token, page: 1, scale: 2, crop })
    expect([part.width, part.height]).toEqual([300, 200])
  })

  it('reads both vector curves, in their colours, with their censor marks', async () => {
    const handlers = handlersWith([join(FIXTURES, 'lung.pdf')])
    const { token } = await openPdf(handlers)
    const { curves } = await handlers['pdf:vectorCurves']({
      token,
      page: 1,
      scale: 2,
      calibration: lung.calibration,
    })
    expect(curves).toHaveLength(2)
    for (const arm of Object.values(lung.arms) as { color: string; censor: number[] }[]) {
      const curve = curves.find(
        (c) => deltaE(rgbToLab(...parseColor(c.color)), rgbToLab(...parseColor(arm.color))) < 1,
      )
      expect(curve).toBeDefined()
      expect(curve!.censorTimes).toHaveLength(arm.censor.length)
      expect(curve!.corners.length).toBeGreaterThan(20)
    }
  })

  it('reads the curves of a cropped page through a calibration in the crop’s pixels', async () => {
    const handlers = handlersWith([join(FIXTURES, 'lung.pdf')])
    const { token } = await openPdf(handlers)
    const crop = { x: 120, y: 30, width: 1000, height: 720 }
    const shift = (p: { px: number; py: number; value: number }) => ({
      ...p,
      px: p.px - crop.x,
      py: p.py - crop.y,
    })
    const { x1, x2, y1, y2, yScale } = lung.calibration
    const calibration = { x1: shift(x1), x2: shift(x2), y1: shift(y1), y2: shift(y2), yScale }
    const { curves } = await handlers['pdf:vectorCurves']({
      token,
      page: 1,
      scale: 2,
      crop,
      calibration,
    })
    expect(curves.map((c) => c.color).sort()).toEqual(['#1f77b4', '#d62728'])
    for (const c of curves)
      expect(Math.min(...c.corners.map((p) => p.x))).toBeCloseTo(x1.px - crop.x, 0)
  })

  it('answers no curves for a page without vector curves', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([400, 300]).drawText('No figure here', { x: 50, y: 150, color: rgb(0, 0, 0) })
    const path = join(dir, 'text.pdf')
    writeFileSync(path, await doc.save())
    const handlers = handlersWith([path])
    const { token } = await openPdf(handlers)
    const calibration = {
      x1: { px: 100, py: 500, value: 0 },
      x2: { px: 700, py: 500, value: 36 },
      y1: { px: 100, py: 500, value: 0 },
      y2: { px: 100, py: 100, value: 1 },
      yScale: 'proportion' as const,
    }
    await expect(
      handlers['pdf:vectorCurves']({ token, page: 1, scale: 2, calibration }),
    ).resolves.toEqual({ curves: [] })
  })

  it('says clearly what is wrong: a password, a missing page, an unknown token', async () => {
    const handlers = handlersWith([join(FIXTURES, 'encrypted.pdf'), join(FIXTURES, 'lung.pdf')])
    await expect(handlers['figure:open'](undefined)).rejects.toThrow(
      /^encrypted\.pdf: the PDF is protected by a password/,
    )
    const broken = join(dir, 'broken.pdf')
    writeFileSync(broken, '%PDF-1.4\nnot really a PDF\n')
    await expect(handlersWith([broken])['figure:open'](undefined)).rejects.toThrow(
      /^broken\.pdf: (not a PDF this tool can read|cannot read the PDF)/,
    )
    const { token } = await openPdf(handlers)
    await expect(handlers['pdf:renderPage']({ token, page: 3, scale: 2 })).rejects.toThrow(
      'lung.pdf: has 1 page; there is no page 3',
    )
    await expect(handlers['pdf:renderPage']({ token: 'nope', page: 1, scale: 2 })).rejects.toThrow(
      'the PDF is no longer open',
    )
  })

  it('refuses requests that do not match the contract', async () => {
    const handlers = handlersWith([])
    await expect(
      dispatch(handlers, 'pdf:renderPage', { path: '/etc/passwd', page: 1, scale: 2 }),
    ).rejects.toThrow(/Invalid request for "pdf:renderPage"/)
    await expect(
      dispatch(handlers, 'pdf:vectorCurves', { token: 't', page: 1, scale: 2 }),
    ).rejects.toThrow(/calibration/)
  })
})
