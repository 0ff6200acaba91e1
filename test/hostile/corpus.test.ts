/**
 * The hostile-file corpus: files someone else could send a reviewer, each made at test time in a
 * temporary folder (test/hostile/files.ts; nothing large is committed), run through the CLI and
 * through the app's main-process handlers. Every one must end, within 10 s, in a one-line message
 * or a correct result; nothing outside a review's folder may reach any output (the private study
 * and /etc/passwd carry markers that are looked for everywhere); the CLI and the app must agree.
 * The outcome and time of each is printed at the end, for the issue's note.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { contentBombPdf, hugeImagePdf, png } from './files'

const EXAMPLE = resolve(import.meta.dirname, '../../examples/metastasectomy')
const LIMIT_MS = 10_000
const MARKER = 'PRIVATE-TRIAL-MARKER'

const root = mkdtempSync(join(tmpdir(), 'kmpool-hostile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** What each hostile file came to, and how long it took, printed at the end. */
const outcomes: { file: string; cli: string; app: string; ms: number }[] = []
afterAll(() => {
  const width = Math.max(...outcomes.map((o) => o.file.length))
  console.log(
    [
      'Hostile files (outcome in the CLI | in the app; slower of the two, ms):',
      ...outcomes.map((o) => `${o.file.padEnd(width)}  ${o.cli} | ${o.app}  (${o.ms} ms)`),
    ].join('\n'),
  )
})

function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const start = Date.now()
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr, ms: Date.now() - start }
}

/** Dialogs that answer the paths in `queue`, in order (push more as the test goes). */
function dialogs(queue: string[]): Dialogs {
  return {
    openFile: async () => queue.shift() ?? null,
    saveFile: async () => queue.shift() ?? null,
  }
}

const app = { name: 'kmpool', version: '0.1.0', platform: 'linux' }

async function timed<T>(run: () => Promise<T>): Promise<{ value?: T; error?: Error; ms: number }> {
  const start = Date.now()
  try {
    return { value: await run(), ms: Date.now() - start }
  } catch (error) {
    return { error: error as Error, ms: Date.now() - start }
  }
}

function oneLine(text: string): string {
  expect(text.trim().split('\n')).toHaveLength(1)
  return text.trim()
}

function study(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLE, 'studies', `${name}.kmstudy`), 'utf8'))
}

/** Everything a run wrote into `dir`, as text, to look for the markers in. */
function allText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n')
}

// A private study beside the review folder, which no review may reach.
const privateDir = join(root, 'private_trial')
mkdirSync(privateDir)
const secret = study('albers-2009')
;(secret.record as Record<string, unknown>).label = MARKER
writeFileSync(join(privateDir, 'x.kmstudy'), JSON.stringify(secret))

let reviews = 0
/**
 * A review folder holding two good studies of the example and `entry` (a path, made by `make`
 * inside the folder), or, with `review`, that review file's content as is.
 */
function reviewFolder(
  entry: string | null,
  make?: (dir: string) => void,
  review?: (studies: { path: string }[]) => Record<string, unknown>,
): { dir: string; file: string } {
  const dir = join(root, 'reviews', `r${reviews++}`, 'review')
  mkdirSync(join(dir, 'studies'), { recursive: true })
  for (const s of ['albers-2009', 'castell-2014']) {
    cpSync(join(EXAMPLE, 'studies', `${s}.kmstudy`), join(dir, 'studies', `${s}.kmstudy`))
  }
  make?.(dir)
  const studies = [
    { path: 'studies/albers-2009.kmstudy' },
    { path: 'studies/castell-2014.kmstudy' },
    ...(entry === null ? [] : [{ path: entry }]),
  ]
  const content = review?.(studies) ?? { format: 'kmpool-review', version: 1, studies }
  const file = join(dir, 'review.kmreview')
  writeFileSync(file, JSON.stringify(content))
  return { dir, file }
}

/**
 * Runs a review through `kmpool review` and through the app (open, compute, export) and checks
 * that both exclude the third study with `reason`, compute the other two, write the same
 * exclusions and IPD, and let nothing of the private study or /etc/passwd through.
 */
async function excludedStudy(name: string, folder: { dir: string; file: string }, reason: RegExp) {
  const cliOut = join(folder.dir, '..', 'cli-results')
  const r = cli('review', folder.dir, '--out', cliOut, '--no-png')
  expect(r.code).toBe(0)
  const line = oneLine(r.stderr)
  expect(line).toMatch(reason)
  expect(line).toMatch(/; the review runs without it$/)
  const queue = [folder.file]
  const handlers = createHandlers({ app, dialogs: dialogs(queue) })
  const appOut = join(folder.dir, '..', 'app-results')
  const a = await timed(async () => {
    const opened = await handlers['review:open'](undefined)
    const request = {
      review: opened!.file.token,
      title: opened!.review.title,
      settings: opened!.review.settings,
      studies: opened!.review.studies,
    }
    const view = await handlers['review:compute']({ ...request, figure: null })
    queue.push(appOut)
    const exported = await handlers['review:export'](request)
    return { view, exported }
  })
  expect(a.error).toBeUndefined()
  const reasons = a.value!.view.studies.map((s) => s.excludedReason)
  expect(reasons[0]).toBeNull()
  expect(reasons[1]).toBeNull()
  expect(oneLine(reasons[2] ?? '')).toMatch(reason)
  for (const f of ['exclusions.csv', 'ipd.csv']) {
    expect(readFileSync(join(appOut, f), 'utf8')).toBe(readFileSync(join(cliOut, f), 'utf8'))
  }
  for (const text of [r.stdout + r.stderr, allText(cliOut), allText(appOut), JSON.stringify(a)]) {
    expect(text).not.toContain(MARKER)
    expect(text).not.toMatch(/root:x?:0:0/)
  }
  const ms = Math.max(r.ms, a.ms)
  expect(ms).toBeLessThan(LIMIT_MS)
  outcomes.push({
    file: name,
    cli: `excluded: ${line.replace(/^kmpool review: /, '')}`,
    app: 'same',
    ms,
  })
}

/** A review file refused as a whole: one line from the CLI, the same refusal from the app. */
async function refusedReview(name: string, folder: { dir: string; file: string }, reason: RegExp) {
  const out = join(folder.dir, '..', 'cli-results')
  const r = cli('review', folder.dir, '--out', out, '--no-png')
  expect(r.code).not.toBe(0)
  const line = oneLine(r.stderr)
  expect(line).toMatch(reason)
  const handlers = createHandlers({ app, dialogs: dialogs([folder.file]) })
  const a = await timed(() => handlers['review:open'](undefined))
  expect(oneLine(a.error?.message ?? '')).toMatch(reason)
  const ms = Math.max(r.ms, a.ms)
  expect(ms).toBeLessThan(LIMIT_MS)
  outcomes.push({
    file: name,
    cli: `refused: ${line.replace(/^kmpool review: /, '')}`,
    app: 'same',
    ms,
  })
}

/** A study file inside the review's folder, from the example's Albers 2009, changed by `edit`. */
function studyWith(edit: (s: Record<string, unknown>) => void, name = 'hostile.kmstudy') {
  return (dir: string) => {
    const s = study('albers-2009')
    edit(s)
    writeFileSync(join(dir, name), JSON.stringify(s))
  }
}

type Curve = { points: Record<string, number>[]; risk: Record<string, number>[]; name: string }
const curve0 = (s: Record<string, unknown>) => (s.curves as Curve[])[0]

describe('a review from someone else', () => {
  it.each([
    [
      '../private_trial/x.kmstudy (a study beside the folder)',
      '../../../private_trial/x.kmstudy',
      /leads outside the review's folder/,
    ],
    [
      '../../../../etc/passwd',
      '../../../../../../../../etc/passwd',
      /leads outside the review's folder/,
    ],
  ])('%s: excluded, nothing of it read', async (name, entry, reason) => {
    await excludedStudy(name, reviewFolder(entry), reason)
  })

  it('a symbolic link to the private study: excluded', async () => {
    const folder = reviewFolder('link.kmstudy', (dir) =>
      symlinkSync(join(privateDir, 'x.kmstudy'), join(dir, 'link.kmstudy')),
    )
    await excludedStudy('link.kmstudy -> private study', folder, /is a link to a file outside/)
  })

  it('a folder inside that is a link to the private folder: excluded', async () => {
    const folder = reviewFolder('trial/x.kmstudy', (dir) =>
      symlinkSync(privateDir, join(dir, 'trial')),
    )
    await excludedStudy('trial/ -> private folder', folder, /is a link to a file outside/)
  })

  it('a link to /dev/zero: excluded before a byte is read', async () => {
    const folder = reviewFolder('zero.kmstudy', (dir) =>
      symlinkSync('/dev/zero', join(dir, 'zero.kmstudy')),
    )
    await excludedStudy('zero.kmstudy -> /dev/zero', folder, /is a link to a file outside/)
  })

  it('a named pipe: excluded without waiting for a writer', async () => {
    const folder = reviewFolder('fifo.kmstudy', (dir) =>
      execFileSync('mkfifo', [join(dir, 'fifo.kmstudy')]),
    )
    await excludedStudy('fifo.kmstudy (a FIFO)', folder, /is not a regular file/)
  })

  it('a folder named like a study: excluded', async () => {
    const folder = reviewFolder('dir.kmstudy', (dir) => mkdirSync(join(dir, 'dir.kmstudy')))
    await excludedStudy('dir.kmstudy (a folder)', folder, /is a folder, not a file/)
  })

  it('a study of 151 MB: excluded at the limit, while reading', async () => {
    const folder = reviewFolder('big.kmstudy', (dir) => {
      writeFileSync(join(dir, 'big.kmstudy'), '')
      truncateSync(join(dir, 'big.kmstudy'), 151 * 1024 * 1024)
    })
    await excludedStudy(
      'big.kmstudy (151 MB)',
      folder,
      /larger than the 150 MB a study file may be/,
    )
  })

  it('a study with a time of 1.7e308: excluded by its bound, the rest computed', async () => {
    const folder = reviewFolder(
      'hostile.kmstudy',
      studyWith((s) => {
        curve0(s).points[5].time = 1.7e308
      }),
    )
    await excludedStudy('time 1.7e308', folder, /time: must be at most 1000000/)
  })

  it('a study with a 100,000-point curve: excluded by its bound', async () => {
    const folder = reviewFolder(
      'hostile.kmstudy',
      studyWith((s) => {
        const c = curve0(s)
        c.points = Array.from({ length: 100_000 }, (_, i) => ({
          px: i / 1000,
          py: 1,
          time: (i / 100_000) * 96,
          surv: 1 - i / 200_000,
        }))
      }),
    )
    await excludedStudy(
      '100,000-point curve',
      folder,
      /points: Too big: expected array to have <=20000 items/,
    )
  })

  it('a study with 51 curves: excluded by its bound', async () => {
    const folder = reviewFolder(
      'hostile.kmstudy',
      studyWith((s) => {
        const c = curve0(s)
        s.curves = Array.from({ length: 51 }, (_, i) => ({ ...c, id: `c${i}` }))
      }),
    )
    await excludedStudy('51 curves', folder, /curves: Too big: expected array to have <=50 items/)
  })

  it('a study of 2 million patients at risk: excluded by its bound', async () => {
    const folder = reviewFolder(
      'hostile.kmstudy',
      studyWith((s) => {
        curve0(s).risk[0].nRisk = 2_000_000
      }),
    )
    await excludedStudy('nRisk 2,000,000', folder, /nRisk: Too big: expected number to be <=500000/)
  })

  it('a study saved as UTF-16 with its byte-order mark: read as any other', async () => {
    const folder = reviewFolder('utf16.kmstudy', (dir) => {
      const text = readFileSync(join(EXAMPLE, 'studies/brandt-2012.kmstudy'), 'utf8')
      writeFileSync(
        join(dir, 'utf16.kmstudy'),
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le'),
        ]),
      )
    })
    const out = join(folder.dir, '..', 'cli-results')
    const r = cli('review', folder.dir, '--out', out, '--no-png')
    expect(r.stderr).toBe('')
    expect(readFileSync(join(out, 'ipd.csv'), 'utf8')).toMatch(/^Brandt 2012,/m)
    expect(r.ms).toBeLessThan(LIMIT_MS)
    outcomes.push({
      file: 'utf16.kmstudy (UTF-16 LE, BOM)',
      cli: 'read, pooled',
      app: 'same (one reader)',
      ms: r.ms,
    })
  })

  it('a study with a 20,000-point curve (the bound): computed, in the CLI and the app', async () => {
    const folder = reviewFolder(
      'dense.kmstudy',
      studyWith((s) => {
        // The example's curve, as a step function sampled at 20,000 times.
        const c = curve0(s)
        const steps = c.points
        const n = 20_000
        const end = steps[steps.length - 1].time
        c.points = Array.from({ length: n }, (_, i) => {
          const time = (i / (n - 1)) * end
          let k = 0
          while (k + 1 < steps.length && steps[k + 1].time <= time) k++
          return { px: 88 + time * 9, py: 24, time, surv: steps[k].surv }
        })
        ;(s.record as Record<string, string>).label = 'Dense'
      }, 'dense.kmstudy'),
    )
    const out = join(folder.dir, '..', 'cli-results')
    const r = cli('review', folder.dir, '--out', out, '--no-png')
    expect(r.code).toBe(0)
    expect(
      readFileSync(join(out, 'ipd.csv'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('Dense,')).length,
    ).toBe(62)
    const queue = [folder.file]
    const handlers = createHandlers({ app, dialogs: dialogs(queue) })
    const a = await timed(async () => {
      const opened = await handlers['review:open'](undefined)
      return handlers['review:compute']({
        review: opened!.file.token,
        title: '',
        settings: opened!.review.settings,
        studies: opened!.review.studies,
        figure: null,
      })
    })
    expect(a.value?.studies[2].excludedReason).toBeNull()
    const ms = Math.max(r.ms, a.ms)
    expect(ms).toBeLessThan(LIMIT_MS)
    outcomes.push({
      file: '20,000-point curve (at the bound)',
      cli: 'computed',
      app: 'computed',
      ms,
    })
  })

  it('labels that are spreadsheet formulas: written as text in every CSV', async () => {
    const folder = reviewFolder(
      'formula.kmstudy',
      studyWith((s) => {
        const record = s.record as Record<string, string>
        record.label = '=HYPERLINK("http://example.invalid/x","open")'
        record.subgroup = '+cmd|calc'
        curve0(s).name = '@SUM(1+1)'
      }, 'formula.kmstudy'),
      // A second one, left out by the reviewer, so that its label is in exclusions.csv.
      (studies) => {
        return {
          format: 'kmpool-review',
          version: 1,
          studies: [...studies, { path: 'formula2.kmstudy', included: false, reason: 'x' }],
        }
      },
    )
    studyWith((s) => {
      ;(s.record as Record<string, string>).label = '-2+3 excluded'
    }, 'formula2.kmstudy')(folder.dir)
    const out = join(folder.dir, '..', 'cli-results')
    const r = cli('review', folder.dir, '--out', out, '--no-png')
    expect(r.code).toBe(0)
    const queue = [folder.file]
    const handlers = createHandlers({ app, dialogs: dialogs(queue) })
    const appOut = join(folder.dir, '..', 'app-results')
    const opened = await handlers['review:open'](undefined)
    queue.push(appOut)
    await handlers['review:export']({
      review: opened!.file.token,
      title: '',
      settings: opened!.review.settings,
      studies: opened!.review.studies,
    })
    for (const dir of [out, appOut]) {
      const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv'))
      expect(csvs.length).toBeGreaterThanOrEqual(5)
      for (const f of csvs) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
          for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]/)
        }
      }
      expect(readFileSync(join(dir, 'exclusions.csv'), 'utf8')).toMatch(/^'-2\+3 excluded,/m)
      expect(readFileSync(join(dir, 'ipd.csv'), 'utf8')).toMatch(
        /^"'=HYPERLINK\(""http:\/\/example\.invalid\/x"",""open""\)",'\+cmd\|calc,'@SUM\(1\+1\),/m,
      )
    }
    outcomes.push({
      file: 'formula labels (=, +, @)',
      cli: "written with a leading '",
      app: 'same',
      ms: r.ms,
    })
  })

  it('a review whose curve step makes a billion grid points: refused in one line', async () => {
    const folder = reviewFolder(null, undefined, (studies) => ({
      format: 'kmpool-review',
      version: 1,
      studies,
      settings: { curveStep: 1e-6 },
    }))
    await refusedReview(
      'settings.curveStep 1e-6',
      folder,
      /settings\.curveStep: makes more than 5000 grid points/,
    )
  })

  it('a review with an absolute study path: refused in one line', async () => {
    await refusedReview(
      '/etc/passwd as a study path',
      reviewFolder('/etc/passwd'),
      /studies\.2\.path: must be relative to the review file/,
    )
  })

  it('a review of 1,001 studies: refused in one line', async () => {
    const folder = reviewFolder(null, undefined, () => ({
      format: 'kmpool-review',
      version: 1,
      studies: Array.from({ length: 1001 }, (_, i) => ({ path: `s${i}.kmstudy` })),
    }))
    await refusedReview(
      '1,001 studies',
      folder,
      /studies: Too big: expected array to have <=1000 items/,
    )
  })

  it('a review file that is a link to /dev/zero: refused before a byte is read', async () => {
    const dir = join(root, 'zero-review')
    mkdirSync(dir)
    symlinkSync('/dev/zero', join(dir, 'r.kmreview'))
    await refusedReview(
      'r.kmreview -> /dev/zero',
      { dir, file: join(dir, 'r.kmreview') },
      /is not a regular file/,
    )
  })
})

const figures = join(root, 'figures')
mkdirSync(figures)
const calibration = join(figures, 'calibration.json')
writeFileSync(
  calibration,
  JSON.stringify({
    x1: { px: 10, py: 190, value: 0 },
    x2: { px: 290, py: 190, value: 60 },
    y1: { px: 10, py: 190, value: 0 },
    y2: { px: 10, py: 10, value: 1 },
    yScale: 'proportion',
  }),
)

/** Opens `file` as a figure in the CLI (`kmpool trace`) and in the app (File → Open figure). */
async function figure(name: string, file: string, expected: RegExp | 'image' | 'pdf') {
  const pdf = file.endsWith('.pdf')
  const r = cli(
    'trace',
    pdf ? '--pdf' : '--image',
    file,
    '--calibration',
    calibration,
    '--color',
    '#000000',
  )
  const handlers = createHandlers({ app, dialogs: dialogs([file]) })
  // Main keeps answering while the figure is read: timers run during the wait.
  let ticks = 0
  const timer = setInterval(() => ticks++, 50)
  const a = await timed(() => handlers['figure:open'](undefined))
  clearInterval(timer)
  const ms = Math.max(r.ms, a.ms)
  expect(ms).toBeLessThan(LIMIT_MS)
  let cliOutcome: string
  let appOutcome: string
  if (expected instanceof RegExp) {
    expect(r.code).not.toBe(0)
    cliOutcome = `refused: ${oneLine(r.stderr).replace(/^kmpool trace: /, '')}`
    expect(cliOutcome).toMatch(expected)
    appOutcome = `refused: ${oneLine(a.error?.message ?? '')}`
    expect(appOutcome).toMatch(expected)
  } else {
    // Read as what its signature says; tracing a figure with no black curve ends in one line.
    expect(a.error).toBeUndefined()
    const opened = a.value as { kind?: string; mime?: string; pages?: number }
    if (expected === 'pdf') expect(opened.kind).toBe('pdf')
    else expect(opened.mime).toBe('image/png')
    cliOutcome =
      r.code === 0 ? 'traced' : `one line: ${oneLine(r.stderr).replace(/^kmpool trace: /, '')}`
    appOutcome = expected === 'pdf' ? `opened, ${opened.pages} page` : `opened as ${opened.mime}`
  }
  if (a.ms > 1000) expect(ticks).toBeGreaterThan(0)
  outcomes.push({ file: name, cli: cliOutcome, app: appOutcome, ms })
}

describe('a figure from someone else', () => {
  it('a PNG whose header claims 30000 × 30000 pixels (a decompression bomb): refused', async () => {
    const file = join(figures, 'bomb.png')
    writeFileSync(file, png(30000, 30000))
    await figure(
      'bomb.png (30000², 1 row of data)',
      file,
      /30000 × 30000 pixels is more than the 64 megapixels/,
    )
  })

  it('a truncated PNG: refused', async () => {
    const file = join(figures, 'truncated.png')
    const whole = png(300, 200)
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)))
    await figure('truncated.png', file, /not a whole PNG image: .*\(truncated\)/)
  })

  it('a PNG with a broken checksum: refused', async () => {
    const file = join(figures, 'crc.png')
    const broken = png(300, 200)
    broken[60] ^= 0x55
    writeFileSync(file, broken)
    await figure(
      'crc.png (a CRC broken)',
      file,
      /not a whole PNG image: the checksum of a chunk is wrong/,
    )
  })

  it('a JPEG cut before its end-of-image marker: refused', async () => {
    const file = join(figures, 'cut.jpg')
    writeFileSync(
      file,
      Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 200, 1, 44, 1, 1, 0x11, 0, 0xff, 0xda]),
    )
    await figure('cut.jpg (no EOI)', file, /not a whole JPEG image: it has no end-of-image marker/)
  })

  it('a PNG that quotes "%PDF-" in a text chunk: read as the PNG it is', async () => {
    const file = join(figures, 'quotes-pdf.png')
    writeFileSync(file, png(300, 200, { text: '%PDF-1.7 this is not a PDF' }))
    await figure('quotes-pdf.png (%PDF- in tEXt)', file, 'image')
  })

  it('a PDF whose page content inflates to 300 MB of path operators: refused within 10 s', async () => {
    const file = join(figures, 'content-bomb.pdf')
    writeFileSync(file, contentBombPdf(300))
    await figure(
      'content-bomb.pdf (300 MB of operators)',
      file,
      /content-bomb\.pdf: cannot read the PDF \(it (took more than|needs more than)/,
    )
  }, 30_000)

  it('a 9 KB PDF that draws a 60000 × 60000 image: the image is not decoded', async () => {
    const file = join(figures, 'huge-image.pdf')
    writeFileSync(file, hugeImagePdf(60000))
    await figure('huge-image.pdf (60000² image)', file, 'pdf')
    // Rendering the page skips the image (over PDF.js's maxImageSize) instead of allocating 3.6 GB.
    const handlers = createHandlers({ app, dialogs: dialogs([file]) })
    const opened = (await handlers['figure:open'](undefined)) as { token: string }
    const a = await timed(() =>
      handlers['pdf:renderPage']({ token: opened.token, page: 1, scale: 1 }),
    )
    expect(a.ms).toBeLessThan(LIMIT_MS)
    expect(a.error).toBeUndefined()
  }, 30_000)
})

describe("a study's figure path", () => {
  const folder = join(root, 'figure-study')
  mkdirSync(folder)
  const withFigure = (path: string) => {
    const s = study('albers-2009')
    const fig = s.figure as Record<string, unknown>
    delete fig.data
    fig.path = path
    const file = join(folder, `${path.replace(/\W/g, '_')}.kmstudy`)
    writeFileSync(file, JSON.stringify(s))
    return file
  }

  it.each([
    [
      '../../../../etc/passwd',
      /its figure \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd: leads outside the study's folder/,
    ],
    ['zero.png', /its figure zero\.png: is a link to a file outside the study's folder/],
    ['missing.png', /its figure missing\.png: cannot read it \(no such file\)/],
  ])(
    '%s: refused on open in one line, saying nothing of what exists outside',
    async (path, reason) => {
      if (path === 'zero.png') symlinkSync('/dev/zero', join(folder, 'zero.png'))
      const file = withFigure(path)
      const handlers = createHandlers({ app, dialogs: dialogs([file]) })
      const a = await timed(() => handlers['study:open'](undefined))
      expect(oneLine(a.error?.message ?? '')).toMatch(reason)
      expect(a.error?.message).not.toMatch(/root:/)
      // The CLI reconstructs a study without reading its figure.
      const out = join(root, `figure-cli-${path.replace(/\W/g, '_')}`)
      const r = cli('reconstruct', '--study', file, '--out', out)
      expect(r.code).toBe(0)
      expect(allText(out)).not.toMatch(/root:/)
      outcomes.push({
        file: `figure.path ${path}`,
        cli: 'computed (the CLI reads no figure)',
        app: `refused: ${a.error?.message}`,
        ms: Math.max(a.ms, r.ms),
      })
    },
  )
})

const tables = join(root, 'tables')
mkdirSync(tables)

/** Reads `file` as a table in the CLI (`kmpool km --ipd`) and in the app (Import points). */
async function table(name: string, file: string, expected: RegExp | 'read') {
  const r = cli('km', '--ipd', file)
  const handlers = createHandlers({ app, dialogs: dialogs([file]) })
  // The page parses the imported text with the same reader as the CLI.
  const a = await timed(async () => {
    const imported = await handlers['points:import'](undefined)
    return readPointsFile(imported!.text, imported!.name)
  })
  const ms = Math.max(r.ms, a.ms)
  expect(ms).toBeLessThan(LIMIT_MS)
  if (expected === 'read') {
    expect(r.stderr).toBe('')
    expect(a.error).toBeUndefined()
    outcomes.push({ file: name, cli: 'read', app: `read, ${a.value!.points.length} rows`, ms })
    return
  }
  const cliLine = oneLine(r.stderr).replace(/^kmpool km: /, '')
  expect(cliLine).toMatch(expected)
  expect(oneLine(a.error?.message ?? '')).toMatch(expected)
  outcomes.push({ file: name, cli: `refused: ${cliLine}`, app: 'same', ms })
}

describe('a table from someone else', () => {
  it('5 million rows (20 MB): refused at the row limit, the same in the CLI and the app', async () => {
    const file = join(tables, 'rows.csv')
    writeFileSync(file, `time,event\n${'1,1\n'.repeat(5_000_000)}`)
    await table('rows.csv (5,000,000 rows)', file, /has 5000002 lines, more than the 200000 rows/)
  }, 30_000)

  it('51 MB: refused at the size limit, while reading', async () => {
    const file = join(tables, 'big.csv')
    writeFileSync(file, '')
    truncateSync(file, 51 * 1024 * 1024)
    await table('big.csv (51 MB)', file, /big\.csv: larger than the 50 MB a table \(CSV\) may be/)
  })

  it('/dev/zero: refused before a byte is read', async () => {
    await table('/dev/zero as a table', '/dev/zero', /\/dev\/zero: is not a regular file/)
  })

  it('UTF-16 with its byte-order mark: read', async () => {
    const file = join(tables, 'utf16.csv')
    const text = 'time,event\n1,1\n2,0\n3,1\n'
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    await table('utf16.csv (UTF-16 LE, BOM)', file, 'read')
  })

  it('UTF-16 without a byte-order mark: refused by name', async () => {
    const file = join(tables, 'utf16-nobom.csv')
    writeFileSync(file, Buffer.from('time,event\n1,1\n2,0\n', 'utf16le'))
    await table(
      'utf16-nobom.csv',
      file,
      /utf16-nobom\.csv: looks like UTF-16 text without a byte-order mark/,
    )
  })
})

describe('outputs', () => {
  it('an output that is one of the inputs: refused, the input unchanged', () => {
    const points = join(tables, 'points.csv')
    writeFileSync(points, 'time,surv\n0,1\n10,0.8\n20,0.5\n30,0.4\n')
    const r = cli('reconstruct', '--points', points, '--n', '50', '--out', points)
    expect(r.code).toBe(1)
    expect(oneLine(r.stderr)).toMatch(
      /points\.csv: is one of the files being read; write the output elsewhere/,
    )
    expect(readFileSync(points, 'utf8')).toBe('time,surv\n0,1\n10,0.8\n20,0.5\n30,0.4\n')
    outcomes.push({
      file: 'reconstruct --out = --points',
      cli: `refused: ${oneLine(r.stderr)}`,
      app: '(no such command)',
      ms: r.ms,
    })
  })

  it("results written into the review's own folder, or a folder of other files: refused", () => {
    const folder = reviewFolder(null)
    const r = cli('review', folder.dir, '--out', folder.dir, '--no-png')
    expect(oneLine(r.stderr)).toMatch(/holds the review it would replace; choose another folder/)
    const other = join(root, 'thesis')
    mkdirSync(other)
    writeFileSync(join(other, 'chapter1.docx'), 'mine')
    const o = cli('review', folder.dir, '--out', other, '--no-png')
    expect(oneLine(o.stderr)).toMatch(/holds other files and no kmpool results/)
    expect(readdirSync(other)).toEqual(['chapter1.docx'])
    outcomes.push({
      file: 'review --out = its folder / a folder of other files',
      cli: 'refused (one line each)',
      app: 'same writer',
      ms: r.ms + o.ms,
    })
  })
})

describe('writes the app makes for a review or a study', () => {
  it('a label edit of a study linked from outside: refused, the outside file unchanged', async () => {
    const folder = reviewFolder('link.kmstudy', (dir) =>
      symlinkSync(join(privateDir, 'x.kmstudy'), join(dir, 'link.kmstudy')),
    )
    const before = readFileSync(join(privateDir, 'x.kmstudy'), 'utf8')
    const handlers = createHandlers({ app, dialogs: dialogs([folder.file]) })
    const opened = await handlers['review:open'](undefined)
    const a = await timed(() =>
      handlers['review:editStudy']({
        review: opened!.file.token,
        path: 'link.kmstudy',
        label: 'changed',
        subgroup: '',
      }),
    )
    expect(oneLine(a.error?.message ?? '')).toMatch(
      /is a link to a file outside the review's folder/,
    )
    expect(readFileSync(join(privateDir, 'x.kmstudy'), 'utf8')).toBe(before)
    // Adding a study from outside the folder is refused too, so that a review can be sent whole.
    const queue = [folder.file, join(privateDir, 'x.kmstudy')]
    const other = createHandlers({ app, dialogs: dialogs(queue) })
    const again = await other['review:open'](undefined)
    await expect(other['review:addStudy']({ review: again!.file.token })).rejects.toThrow(
      /x\.kmstudy is not inside the review's folder; copy it there/,
    )
    outcomes.push({
      file: 'label edit of link.kmstudy -> outside',
      cli: '(no such command)',
      app: `refused: ${a.error?.message}`,
      ms: a.ms,
    })
  })

  it('an export chosen over the open study file: refused, the study unchanged', async () => {
    const dir = join(root, 'export-over-study')
    mkdirSync(dir)
    const file = join(dir, 'albers.kmstudy')
    cpSync(join(EXAMPLE, 'studies/albers-2009.kmstudy'), file)
    const before = readFileSync(file, 'utf8')
    const queue = [file]
    const handlers = createHandlers({ app, dialogs: dialogs(queue) })
    const opened = await handlers['study:open'](undefined)
    const s = opened!.study
    queue.push(file)
    const a = await timed(() =>
      handlers['export:ipd']({
        input: {
          timeUnit: s.calibration!.timeUnit,
          curves: s.curves.map((c) => ({ id: c.id, name: c.name, points: c.points, risk: c.risk })),
        },
        record: s.record,
        defaultName: 'ipd.csv',
      }),
    )
    expect(oneLine(a.error?.message ?? '')).toMatch(
      /albers\.kmstudy: is one of the files being read/,
    )
    expect(readFileSync(file, 'utf8')).toBe(before)
    outcomes.push({
      file: 'Export IPD over the open study',
      cli: 'see reconstruct --out = --points',
      app: `refused: ${a.error?.message}`,
      ms: a.ms,
    })
  })
})

describe('the exports of a study with formula labels', () => {
  it("write every cell that a spreadsheet would run with a leading ', in the CLI and the app", async () => {
    const dir = join(root, 'formula-study')
    mkdirSync(dir)
    const file = join(dir, 'f.kmstudy')
    studyWith((s) => {
      const record = s.record as Record<string, string>
      record.label = '=1+1'
      record.subgroup = '@x'
      curve0(s).name = '+arm'
    }, 'f.kmstudy')(dir)
    const out = join(dir, 'cli')
    const r = cli('reconstruct', '--study', file, '--out', out)
    expect(r.code).toBe(0)
    const queue = [file]
    const handlers = createHandlers({ app, dialogs: dialogs(queue) })
    const s = (await handlers['study:open'](undefined))!.study
    const request = {
      input: {
        timeUnit: s.calibration!.timeUnit,
        curves: s.curves.map((c) => ({ id: c.id, name: c.name, points: c.points, risk: c.risk })),
      },
      record: s.record,
      defaultName: 'x.csv',
    }
    queue.push(join(dir, 'app-ipd.csv'), join(dir, 'app-summary.csv'))
    await handlers['export:ipd'](request)
    await handlers['export:summary'](request)
    const texts = {
      'CLI ipd.csv': readFileSync(join(out, 'ipd.csv'), 'utf8'),
      'CLI km-summary.csv': readFileSync(join(out, 'km-summary.csv'), 'utf8'),
      'app IPD': readFileSync(join(dir, 'app-ipd.csv'), 'utf8'),
      'app KM summary': readFileSync(join(dir, 'app-summary.csv'), 'utf8'),
    }
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).toMatch(/(^|,)'\+arm(,|$)/m)
      for (const line of text.split('\n')) {
        for (const cell of line.split(',')) expect(cell, name).not.toMatch(/^[=+@]/)
      }
    }
    expect(texts['CLI km-summary.csv']).toMatch(/^'=1\+1,'@x,/m)
    expect(texts['app KM summary']).toBe(texts['CLI km-summary.csv'])
    expect(texts['app IPD']).toBe(texts['CLI ipd.csv'])
    outcomes.push({
      file: 'study labels =1+1, @x, +arm',
      cli: "IPD and KM summary written with a leading '",
      app: 'same bytes',
      ms: r.ms,
    })
  })
})

describe('the largest study the schema accepts', () => {
  it('two curves of 20,000 points and 500,000 patients each: computed within 10 s, main free', async () => {
    const dir = join(root, 'largest')
    mkdirSync(dir)
    const n = 500_000
    const points = Array.from({ length: 20_000 }, (_, i) => {
      const time = (i / 20_000) * 96
      return { px: 88 + time * 9, py: 24, time, surv: Math.exp(-time / 80) }
    })
    const risk = [
      { time: 0, nRisk: n },
      { time: 24, nRisk: Math.round(n * 0.7) },
      { time: 48, nRisk: Math.round(n * 0.5) },
    ]
    studyWith((s) => {
      const c = curve0(s)
      s.curves = [
        { ...c, id: 'a', name: 'A', points, risk },
        {
          ...c,
          id: 'b',
          name: 'B',
          points: points.map((p) => ({ ...p, surv: p.surv ** 1.2 })),
          risk,
        },
      ]
      delete s.pooledCurve
    }, 'largest.kmstudy')(dir)
    const file = join(dir, 'largest.kmstudy')
    const r = cli('reconstruct', '--study', file, '--json')
    expect(r.code).toBe(0)
    const handlers = createHandlers({ app, dialogs: dialogs([file]) })
    const s = (await handlers['study:open'](undefined))!.study
    let ticks = 0
    const timer = setInterval(() => ticks++, 50)
    const a = await timed(() =>
      handlers['study:reconstruct']({
        timeUnit: s.calibration!.timeUnit,
        curves: s.curves.map((c) => ({ id: c.id, name: c.name, points: c.points, risk: c.risk })),
      }),
    )
    clearInterval(timer)
    expect(a.error).toBeUndefined()
    expect(a.value!.curves.map((c) => c.status)).toEqual(['done', 'done'])
    // Main ran its timers while the worker computed.
    expect(ticks).toBeGreaterThan(a.ms / 50 / 4)
    const ms = Math.max(r.ms, a.ms)
    expect(ms).toBeLessThan(LIMIT_MS)
    outcomes.push({
      file: 'largest valid study (2 × 20,000 points, 500,000 per arm)',
      cli: `computed in ${r.ms} ms`,
      app: `computed in ${a.ms} ms off main's thread`,
      ms,
    })
  }, 60_000)
})
