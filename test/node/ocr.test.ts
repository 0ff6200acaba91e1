import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { GlobalFonts, createCanvas } from '@napi-rs/canvas'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type Ocr,
  lstmCoreWorker,
  ocrPaths,
  ocrWorkerOptions,
  openOcr,
  outsideAsar,
  ppm,
  stretchLevels,
} from '../../src/node/ocr'
import type { RgbaImage } from '../../src/shared/trace/types'
import { expectClose } from '../helpers/close'

GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans')
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'DejaVu Serif')

interface Placed {
  text: string
  x: number
  y: number
}

/** Words drawn at known places (left, top of the text), returned as pixels and as a PNG. */
function render(words: Placed[], size: number, font = 'DejaVu Sans', w = 600, h = 200) {
  const canvas = createCanvas(w, h)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, w, h)
  ctx.fillStyle = '#000'
  ctx.font = `${size}px "${font}"`
  ctx.textBaseline = 'top'
  const boxes = words.map((p) => {
    ctx.fillText(p.text, p.x, p.y)
    return { x0: p.x, x1: p.x + ctx.measureText(p.text).width }
  })
  const image: RgbaImage = { data: ctx.getImageData(0, 0, w, h).data, width: w, height: h }
  return { image, png: canvas.toBuffer('image/png'), boxes }
}

const ocr: Ocr = openOcr()
afterAll(() => ocr.close())

describe('ocrWorkerOptions', () => {
  it('points the engine at files on this disk only, and writes no cache', () => {
    const o = ocrWorkerOptions(() => {})
    // The worker is a data: URL (lstmCoreWorker) that starts tesseract.js's script on this disk.
    expect(o.workerPath.protocol).toBe('data:')
    const script = ocrPaths().workerPath
    expect(decodeURIComponent(o.workerPath.href)).toContain(JSON.stringify(script))
    for (const p of [o.langPath, o.corePath, script]) {
      // A local path, not a URL: tesseract.js then reads the file instead of fetching it.
      expect(isAbsolute(p), p).toBe(true)
      expect(p).not.toMatch(/^[a-z]+:\/\//i)
      expect(existsSync(p), p).toBe(true)
    }
    expect(existsSync(`${o.langPath}/eng.traineddata.gz`)).toBe(true)
    expect(o.gzip).toBe(true)
    expect(o.cacheMethod).toBe('none')
  })
})

describe('lstmCoreWorker', () => {
  /**
   * The engine mode the core loader receives when the worker script hands it `given`: a stand-in
   * of tesseract.js's worker folder (its constants, a loader that reports what it got, a script
   * that calls it as tesseract.js 7 does), started through lstmCoreWorker.
   */
  async function modeLoaded(given: boolean | number): Promise<unknown> {
    const root = mkdtempSync(join(tmpdir(), 'kmpool-ocr-worker-'))
    try {
      mkdirSync(join(root, 'src', 'constants'), { recursive: true })
      mkdirSync(join(root, 'src', 'worker-script', 'node'), { recursive: true })
      writeFileSync(
        join(root, 'src', 'constants', 'OEM.js'),
        'module.exports = { TESSERACT_ONLY: 0, LSTM_ONLY: 1, TESSERACT_LSTM_COMBINED: 2, DEFAULT: 3 }',
      )
      writeFileSync(
        join(root, 'src', 'worker-script', 'node', 'getCore.js'),
        'module.exports = async (oem) => oem',
      )
      const script = join(root, 'src', 'worker-script', 'node', 'index.js')
      writeFileSync(
        script,
        `const getCore = require('./getCore')
require('node:worker_threads').parentPort.on('message', async (m) => {
  require('node:worker_threads').parentPort.postMessage(await getCore(m, '', {}))
})`,
      )
      const worker = new Worker(lstmCoreWorker(script))
      try {
        return await new Promise((resolve, reject) => {
          worker.once('message', resolve)
          worker.once('error', reject)
          worker.postMessage(given)
        })
      } finally {
        await worker.terminate()
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  it("hands tesseract.js's core loader the engine mode it compares, not the LSTM-only boolean", async () => {
    // true (LSTM only) must load the LSTM-only core: getCore.js picks it for LSTM_ONLY (1) or
    // DEFAULT (3), the core with the legacy engine for anything else (a boolean among them).
    expect(await modeLoaded(true)).toBe(1)
    expect(await modeLoaded(false)).toBe(2)
    expect(await modeLoaded(3)).toBe(3)
  })
})

describe('stretchLevels', () => {
  /** n pixels of one colour, then m of another: RGBA. */
  const pixels = (ink: number[], n: number, paper: number[], m: number) =>
    new Uint8ClampedArray([
      ...Array.from({ length: n }, () => [...ink, 255]).flat(),
      ...Array.from({ length: m }, () => [...paper, 255]).flat(),
    ])
  const greys = (px: Uint8ClampedArray) => [...new Set([...px].filter((_, i) => i % 4 === 0))]

  it('makes grey text on a grey page black on white, and coloured text black (its darkest channel)', () => {
    // #888888 text on #f7f7f7 (R base's grey numbers on a tinted panel), a tenth of the pixels.
    const grey = pixels([0x88, 0x88, 0x88], 10, [0xf7, 0xf7, 0xf7], 90)
    stretchLevels(grey)
    expect(greys(grey)).toEqual([0, 255])
    // Matplotlib's blue #1f77b4 and an anti-aliased pixel halfway to the white page.
    const blue = pixels([0x1f, 0x77, 0xb4], 10, [255, 255, 255], 90)
    blue.set([0x8f, 0xbb, 0xda, 255], 40)
    stretchLevels(blue)
    expect([blue[0], blue[1], blue[2]]).toEqual([0, 0, 0])
    expectClose(blue[40], 128, { rel: 0.02 }, 'halfway pixel')
    expect(blue[399]).toBe(255)
  })

  it('leaves a page of noise, under 40 levels deep, unstretched (only grey)', () => {
    const flat = pixels([230, 240, 250], 10, [250, 250, 250], 90)
    stretchLevels(flat)
    expect(greys(flat)).toEqual([230, 250])
  })
})

describe('ppm', () => {
  it('writes the pixels as a binary PPM: the header, then red, green, blue of each, no alpha', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255])
    const file = ppm(rgba, 2, 2)
    const head = 'P6\n2 2\n255\n'
    expect(file.subarray(0, head.length).toString('ascii')).toBe(head)
    expect([...file.subarray(head.length)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
  })
})

describe('recognizeWords', () => {
  it('reads digits, decimal points and commas and percent signs where they are drawn', async () => {
    const words = [
      { text: '0.25', x: 20, y: 30 },
      { text: '12,5', x: 160, y: 30 },
      { text: '45%', x: 300, y: 30 },
      { text: '100', x: 440, y: 30 },
      { text: '0.8', x: 20, y: 120 },
      { text: '36', x: 300, y: 120 },
    ]
    const { image, boxes } = render(words, 22)
    const read = await ocr.recognizeWords(image, { mode: 'sparse' })
    words.forEach((w, i) => {
      const hit = read.find((r) => r.text === w.text)
      expect(hit, `"${w.text}" in ${JSON.stringify(read.map((r) => r.text))}`).toBeDefined()
      // The box is the ink's: within a few pixels of where the text was drawn.
      expectClose(hit!.box.x0, boxes[i].x0, { abs: 4 }, `${w.text} left`)
      expectClose(hit!.box.x1, boxes[i].x1, { abs: 4 }, `${w.text} right`)
      expectClose(hit!.box.y0, w.y, { abs: 6 }, `${w.text} top`)
      expect(hit!.confidence).toBeGreaterThan(50)
      expect(hit!.confidence).toBeLessThanOrEqual(100)
    })
  })

  it('maps the boxes of a region read enlarged back to the whole image', async () => {
    const words = [
      { text: '0.6', x: 40, y: 40 },
      { text: '24', x: 400, y: 140 },
    ]
    // Small text (11 px), as tick labels of a figure scaled down are.
    const { png, boxes } = render(words, 11, 'DejaVu Serif')
    const region = { x: 380, y: 120, width: 80, height: 40 }
    const read = await ocr.recognizeWords(png, {
      region,
      upscale: 4,
      mode: 'sparse',
      charWhitelist: '0123456789.,%',
    })
    expect(read.map((r) => r.text)).toEqual(['24'])
    expectClose(read[0].box.x0, boxes[1].x0, { abs: 2 }, '24 left')
    expectClose(read[0].box.x1, boxes[1].x1, { abs: 2 }, '24 right')
    expectClose(read[0].box.y0, 140, { abs: 3 }, '24 top')
  })

  it('reads one line in line mode and reports progress', async () => {
    const { image } = render([{ text: 'Time (months)', x: 100, y: 80 }], 20, 'DejaVu Sans')
    const seen: string[] = []
    const read = await ocr.recognizeWords(image, {
      mode: 'line',
      region: { x: 80, y: 60, width: 300, height: 60 },
      onProgress: (p) => seen.push(p.status),
    })
    expect(read.map((r) => r.text).join(' ')).toBe('Time (months)')
    expect(seen).toContain('recognizing text')
  })

  it('leaves the calling thread free while it reads', async () => {
    const { image } = render(
      Array.from({ length: 12 }, (_, i) => ({
        text: String(i * 7),
        x: 20 + (i % 6) * 95,
        y: 20 + Math.floor(i / 6) * 90,
      })),
      18,
    )
    await ocr.recognizeWords(image) // started and warm
    let ticks = 0
    const timer = setInterval(() => ticks++, 2)
    const t0 = performance.now()
    await ocr.recognizeWords(image, { upscale: 3 })
    const ms = performance.now() - t0
    clearInterval(timer)
    // Recognition runs in tesseract.js's worker_thread: this thread's timers keep firing.
    expect(ticks).toBeGreaterThan(Math.min(10, ms / 10))
  })

  it('refuses a region outside the image and a bad upscale, in words', async () => {
    const { image } = render([{ text: '1', x: 10, y: 10 }], 12, 'DejaVu Sans', 50, 50)
    await expect(
      ocr.recognizeWords(image, { region: { x: 100, y: 100, width: 10, height: 10 } }),
    ).rejects.toThrow('outside the image')
    await expect(ocr.recognizeWords(image, { upscale: 0 })).rejects.toThrow('upscale')
  })
})

describe('outsideAsar', () => {
  it('points a path inside the packaged archive at the unpacked copy, and leaves others', () => {
    expect(outsideAsar('/opt/kmpool/resources/app.asar/node_modules/tesseract.js')).toBe(
      '/opt/kmpool/resources/app.asar.unpacked/node_modules/tesseract.js',
    )
    expect(outsideAsar('C:\\kmpool\\resources\\app.asar\\node_modules\\x')).toBe(
      'C:\\kmpool\\resources\\app.asar.unpacked\\node_modules\\x',
    )
    expect(outsideAsar('/work/main/node_modules/tesseract.js')).toBe(
      '/work/main/node_modules/tesseract.js',
    )
    // Already unpacked, or a folder merely named like it: unchanged.
    expect(outsideAsar('/r/app.asar.unpacked/node_modules/x')).toBe(
      '/r/app.asar.unpacked/node_modules/x',
    )
    expect(outsideAsar('/r/myapp.asarx/y')).toBe('/r/myapp.asarx/y')
  })
})
