import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { imageMime } from '../../src/node/images'
import type { FileRef } from '../../src/shared/ipc/contract'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, type Study } from '../../src/shared/model/study'
import { studyReconstructionInput } from '../../src/shared/study/reconstructStudy'

const dir = mkdtempSync(join(tmpdir(), 'kmpool-handlers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const app = { name: 'kmpool', version: '1.2.3', platform: 'linux' }
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

function dialogs(open: (string | null)[], save: (string | null)[] = []): Dialogs {
  return { openFile: async () => open.shift() ?? null, saveFile: async () => save.shift() ?? null }
}

function handlersWith(open: (string | null)[], save: (string | null)[] = []) {
  return createHandlers({ app, dialogs: dialogs(open, save) })
}

function sampleStudy(): Study {
  const s = emptyStudy()
  s.record.label = 'Sample 2020'
  s.figure = {
    name: 'f.png',
    mime: 'image/png',
    sha256: createHash('sha256').update(PNG).digest('hex'),
    width: 1,
    height: 1,
    data: PNG.toString('base64'),
  }
  const arm = (id: string, name: string, drop: number): Study['curves'][number] => ({
    id,
    name,
    color: '#1f77b4',
    points: [
      { px: 0, py: 0, time: 0, surv: 1 },
      { px: 1, py: 1, time: 6, surv: 1 - drop },
      { px: 2, py: 2, time: 12, surv: 1 - 2 * drop },
    ],
    risk: [{ time: 0, nRisk: 20 }],
  })
  s.curves.push(arm('a', 'Control', 0.2), arm('b', 'Treated, new', 0.1))
  return s
}

describe('handlers', () => {
  it('app:getInfo answers the name, version and platform', async () => {
    await expect(handlersWith([])['app:getInfo'](undefined)).resolves.toEqual(app)
  })

  it('reconstruct:run reconstructs the patients of the risk table', async () => {
    const { ipd } = await handlersWith([])['reconstruct:run']({
      points: [
        { time: 0, surv: 1 },
        { time: 6, surv: 0.8 },
        { time: 12, surv: 0.6 },
      ],
      risk: [{ time: 0, nRisk: 10 }],
    })
    expect(ipd).toHaveLength(10)
    expect(ipd.filter((row) => row.event === 1)).toHaveLength(4)
  })

  it('study:reconstruct reconstructs every curve and compares two', async () => {
    const input = studyReconstructionInput(sampleStudy())
    const result = await handlersWith([])['study:reconstruct'](input)
    expect(result.curves.map((c) => c.status)).toEqual(['done', 'done'])
    expect(result.comparison?.hr).toBeLessThan(1)
  })
})

describe('figure:open', () => {
  it('answers the chosen image as base64 with its type, hash and size', async () => {
    const path = join(dir, 'figure.png')
    writeFileSync(path, PNG)
    const figure = await handlersWith([path])['figure:open'](undefined)
    expect(figure).toEqual({
      name: 'figure.png',
      mime: 'image/png',
      data: PNG.toString('base64'),
      sha256: createHash('sha256').update(PNG).digest('hex'),
      size: PNG.length,
    })
  })

  it('answers null when the dialog is cancelled', async () => {
    await expect(handlersWith([null])['figure:open'](undefined)).resolves.toBeNull()
  })

  it('refuses a file that is not an image, whatever its name', async () => {
    const path = join(dir, 'notes.png')
    writeFileSync(path, 'hello')
    await expect(handlersWith([path])['figure:open'](undefined)).rejects.toThrow(
      'notes.png is not a PNG, JPEG, WebP or BMP image',
    )
  })

  it('recognises the four image types by their bytes', () => {
    expect(imageMime(PNG)).toBe('image/png')
    expect(imageMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(imageMime(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(imageMime(Buffer.from('BM6\0\0\0'))).toBe('image/bmp')
    expect(imageMime(Buffer.from('GIF89a'))).toBe('image/gif')
    expect(imageMime(Buffer.from('x%PDF-1.7'))).toBeNull()
  })
})

describe('study files', () => {
  it('saves atomically where the user chose, then saves again there without asking', async () => {
    const path = join(dir, 'saved.kmstudy')
    const handlers = handlersWith([], [path])
    const study = sampleStudy()
    const file = (await handlers['study:save']({ study, defaultName: 'x.kmstudy' })) as FileRef
    expect(file?.name).toBe('saved.kmstudy')
    expect(parseStudyFile(readFileSync(path, 'utf8'), path)).toEqual(study)
    study.record.notes = 'second save'
    const again = await handlers['study:save']({
      study,
      file: file!.token,
      defaultName: 'x.kmstudy',
    })
    expect(again).toEqual(file)
    expect(readFileSync(path, 'utf8')).toBe(formatStudyFile(study))
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('asks where to save when the token is unknown, and null when cancelled', async () => {
    const handlers = handlersWith([], [null])
    await expect(
      handlers['study:save']({ study: sampleStudy(), file: 'forged', defaultName: 'x.kmstudy' }),
    ).resolves.toBeNull()
  })

  it('opens what it saved, exactly', async () => {
    const path = join(dir, 'roundtrip.kmstudy')
    const study = sampleStudy()
    await handlersWith([], [path])['study:saveAs']({ study, defaultName: 'r.kmstudy' })
    const opened = await handlersWith([path])['study:open'](undefined)
    expect(opened?.study).toEqual(study)
    expect(opened?.file.name).toBe('roundtrip.kmstudy')
  })

  it('refuses a file that is not a study, with the reason', async () => {
    const path = join(dir, 'bad.kmstudy')
    writeFileSync(path, '{"format":"other"}')
    await expect(handlersWith([path])['study:open'](undefined)).rejects.toThrow(
      /bad.kmstudy: not a kmpool study/,
    )
  })

  it('embeds a referenced figure, and refuses one that changed', async () => {
    const study = sampleStudy()
    const { data: _data, ...figure } = study.figure!
    writeFileSync(join(dir, 'ref.png'), PNG)
    const path = join(dir, 'ref.kmstudy')
    writeFileSync(path, formatStudyFile({ ...study, figure: { ...figure, path: 'ref.png' } }))
    const opened = await handlersWith([path])['study:open'](undefined)
    expect(opened?.study.figure).toEqual(study.figure)
    writeFileSync(join(dir, 'ref.png'), Buffer.concat([PNG, Buffer.from([0])]))
    await expect(handlersWith([path])['study:open'](undefined)).rejects.toThrow(/has changed/)
  })
})

describe('exports', () => {
  it('writes the IPD of every curve with an arm column', async () => {
    const path = join(dir, 'ipd.csv')
    const study = sampleStudy()
    const saved = await handlersWith([], [path])['export:ipd']({
      input: studyReconstructionInput(study),
      record: study.record,
      defaultName: 'ipd.csv',
    })
    expect(saved).toEqual({ name: 'ipd.csv' })
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('time,event,arm')
    expect(lines).toHaveLength(41)
    expect(lines.filter((l) => l.endsWith(',"Treated, new"'))).toHaveLength(20)
  })

  it('writes the KM summary with the hazard ratio on the second arm', async () => {
    const path = join(dir, 'summary.csv')
    const study = sampleStudy()
    await handlersWith([], [path])['export:summary']({
      input: studyReconstructionInput(study),
      record: study.record,
      defaultName: 'summary.csv',
    })
    const [header, control, treated] = readFileSync(path, 'utf8').trim().split('\n')
    expect(header.split(',').slice(0, 4)).toEqual(['study', 'subgroup', 'outcome', 'arm'])
    expect(control).toMatch(/^Sample 2020,,OS,Control,20,/)
    expect(control).not.toMatch(/Control$/)
    expect(treated).toMatch(/,Control$/)
  })

  it('writes a PNG, and refuses bytes that are not one', async () => {
    const path = join(dir, 'overlay.png')
    const handlers = handlersWith([], [path])
    await handlers['export:png']({ data: PNG.toString('base64'), defaultName: 'o.png' })
    expect(readFileSync(path)).toEqual(PNG)
    await expect(
      handlers['export:png']({ data: Buffer.from('<svg/>').toString('base64'), defaultName: 'o' }),
    ).rejects.toThrow('not a PNG')
    expect(existsSync(join(dir, 'o'))).toBe(false)
  })
})
