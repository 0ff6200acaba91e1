/**
 * The Node-side services that stand between kmpool and a file from someone else
 * (src/node/*): confinement to a folder, bounded reads, text encodings, image checks, the CSV
 * cell writer and the results folder. test/hostile/corpus.test.ts runs whole hostile files
 * through the CLI and the app's handlers; these tests pin each rule down on its own.
 */
import { execFileSync } from 'node:child_process'
import {
  existsSync,
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
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { READ_LIMITS, readBounded, readBoundedSync } from '../../src/node/boundedRead'
import { confinedFile } from '../../src/node/confine'
import { FileRefused, shownPath } from '../../src/node/fileRefused'
import { checkImage, isPdf, MAX_IMAGE_PIXELS } from '../../src/node/images'
import { MANIFEST, writeResultsFolder } from '../../src/node/resultsFolder'
import { decodeText } from '../../src/node/text'
import { csvCell } from '../../src/shared/formats/table'
import { png } from './files'

const root = mkdtempSync(join(tmpdir(), 'kmpool-services-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const review = join(root, 'review')
const outside = join(root, 'outside')
mkdirSync(join(review, 'studies'), { recursive: true })
mkdirSync(outside)
writeFileSync(join(review, 'studies/a.kmstudy'), 'inside')
writeFileSync(join(outside, 'secret.kmstudy'), 'SECRET-CONTENT')
symlinkSync(join(outside, 'secret.kmstudy'), join(review, 'link-out.kmstudy'))
symlinkSync(join(review, 'studies/a.kmstudy'), join(review, 'link-in.kmstudy'))
symlinkSync(outside, join(review, 'folder-out'))
symlinkSync('/dev/zero', join(review, 'zero.kmstudy'))
mkdirSync(join(review, 'folder.kmstudy'))
execFileSync('mkfifo', [join(review, 'fifo.kmstudy')])

const FOLDER = "the review's folder"

describe('confinedFile', () => {
  it('answers the real path of a regular file inside the folder, through links inside it', () => {
    expect(confinedFile(review, 'studies/a.kmstudy', FOLDER)).toBe(
      join(review, 'studies/a.kmstudy'),
    )
    expect(confinedFile(review, 'link-in.kmstudy', FOLDER)).toBe(join(review, 'studies/a.kmstudy'))
    expect(confinedFile(review, 'studies/../studies/a.kmstudy', FOLDER)).toBe(
      join(review, 'studies/a.kmstudy'),
    )
  })

  it.each([
    ['../outside/secret.kmstudy', /leads outside the review's folder/],
    ['../../../../../etc/passwd', /leads outside the review's folder/],
    ['studies/../../outside/secret.kmstudy', /leads outside the review's folder/],
    ['/etc/passwd', /must be a path inside the review's folder, not an absolute path/],
    ['C:/Windows/win.ini', /not an absolute path/],
    ['link-out.kmstudy', /is a link to a file outside the review's folder/],
    ['folder-out/secret.kmstudy', /is a link to a file outside the review's folder/],
    ['zero.kmstudy', /is a link to a file outside the review's folder/],
    ['folder.kmstudy', /is a folder, not a file/],
    ['fifo.kmstudy', /is not a regular file \(a device, a pipe or a socket\)/],
    ['absent.kmstudy', /cannot read it \(no such file\)/],
    ['.', /leads outside/],
  ])('refuses %s with one line that quotes nothing of the file', (path, message) => {
    let error: unknown
    try {
      confinedFile(review, path, FOLDER)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(FileRefused)
    const text = (error as Error).message
    expect(text).toMatch(message)
    expect(text).not.toMatch(/SECRET|root:/)
    expect(text).not.toMatch(/\n/)
  })

  it('shows a hostile path on one line, without control characters, at most 200 characters', () => {
    expect(shownPath('a\nb\u001b[31mc')).toBe('a?b?[31mc')
    expect(shownPath('x'.repeat(1000))).toHaveLength(200)
  })
})

describe('readBounded', () => {
  const big = join(root, 'big.csv')
  writeFileSync(big, '')
  truncateSync(big, READ_LIMITS.table.bytes + 1)

  it('reads a regular file whole', async () => {
    expect(readBoundedSync(join(review, 'studies/a.kmstudy'), 'table').toString()).toBe('inside')
    expect((await readBounded(join(review, 'studies/a.kmstudy'), 'table')).toString()).toBe(
      'inside',
    )
  })

  it('refuses a file one byte over the limit, while reading it', async () => {
    expect(() => readBoundedSync(big, 'table')).toThrow(
      /big\.csv: larger than the 50 MB a table \(CSV\) may be/,
    )
    await expect(readBounded(big, 'table')).rejects.toThrow(/larger than the 50 MB/)
  })

  it('stops a file that reports size 0 but never ends (a /proc file), at the limit', () => {
    // /proc/self/... files report size 0; /dev/zero is refused as a device before any read.
    expect(() => readBoundedSync('/dev/zero', 'review')).toThrow(/is not a regular file/)
    expect(readBoundedSync('/proc/self/status', 'settings').toString()).toMatch(/^Name:/)
  })

  it('refuses a folder and a pipe without waiting for a writer', async () => {
    expect(() => readBoundedSync(review, 'study')).toThrow(/is a folder, not a file/)
    expect(() => readBoundedSync(join(review, 'fifo.kmstudy'), 'study')).toThrow(
      /is not a regular file/,
    )
    await expect(readBounded(join(review, 'fifo.kmstudy'), 'study')).rejects.toThrow(
      /is not a regular file/,
    )
  })
})

describe('decodeText', () => {
  const text = 'time,surv\n0,1\n'
  it('reads UTF-16 with a byte-order mark, little and big endian, like UTF-8', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    expect(decodeText(le, 'x.csv')).toBe(text)
    expect(decodeText(be, 'x.csv')).toBe(text)
    expect(decodeText(Buffer.from(text), 'x.csv')).toBe(text)
    expect(decodeText(Buffer.from(`\uFEFF${text}`), 'x.csv')).toBe(text)
  })

  it('refuses UTF-16 without a byte-order mark by name', () => {
    expect(() => decodeText(Buffer.from(text, 'utf16le'), 'x.csv')).toThrow(
      /x\.csv: looks like UTF-16 text without a byte-order mark .*save it as UTF-8/,
    )
  })
})

describe('checkImage', () => {
  it('reads the size of a whole PNG from its header', () => {
    expect(checkImage(png(40, 30), 'a.png')).toEqual({ mime: 'image/png', width: 40, height: 30 })
  })

  it('refuses a decompression bomb from its header, saying the limit', () => {
    expect(() => checkImage(png(30000, 30000), 'bomb.png')).toThrow(
      `bomb.png: 30000 × 30000 pixels is more than the ${MAX_IMAGE_PIXELS / 1e6} megapixels a figure may have`,
    )
  })

  it('refuses a truncated PNG and one with a broken checksum', () => {
    const whole = png(40, 30)
    expect(() => checkImage(whole.subarray(0, whole.length - 12), 't.png')).toThrow(
      /not a whole PNG image: it ends without its IEND chunk \(truncated\)/,
    )
    const broken = Buffer.from(whole)
    broken[45] ^= 0xff
    expect(() => checkImage(broken, 'c.png')).toThrow(/checksum of a chunk is wrong .*\(corrupt\)/)
  })

  it('refuses a JPEG without its end-of-image marker', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 10, 0, 20, 1, 1, 0x11, 0])
    expect(() => checkImage(jpeg, 'j.jpg')).toThrow(/no end-of-image marker \(truncated\)/)
    const whole = Buffer.concat([jpeg, Buffer.from([0xff, 0xd9])])
    expect(checkImage(whole, 'j.jpg')).toEqual({ mime: 'image/jpeg', width: 20, height: 10 })
  })

  it('takes a PNG that quotes "%PDF-" in a text chunk for a PNG, never a PDF', () => {
    const quoted = png(10, 10, { text: '%PDF-1.7 not a pdf' })
    expect(isPdf(quoted)).toBe(false)
    expect(checkImage(quoted, 'q.png').mime).toBe('image/png')
    expect(isPdf(Buffer.from('%PDF-1.7\n'))).toBe(true)
  })
})

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['-1.5', '-1.5'],
    ['+2e-3', '+2e-3'],
    ['Lung', 'Lung'],
    ['a,b', '"a,b"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes numbers in full, and nothing for a missing or non-finite one', () => {
    expect(csvCell(-0.125)).toBe('-0.125')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })
})

describe('writeResultsFolder', () => {
  const files = (tag: string): [string, string][] => [
    ['a.csv', `a ${tag}\n`],
    ['b.md', `b ${tag}\n`],
  ]
  const about = { kmpool: '0.1.0', settings: { method: 'REML' } }

  it('writes the files with a manifest of their checksums, and replaces earlier results whole', () => {
    const out = join(root, 'results-1')
    writeResultsFolder(out, files('old'), about)
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'))
    expect(manifest).toMatchObject({
      format: 'kmpool-results',
      kmpool: '0.1.0',
      settings: about.settings,
    })
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['a.csv', 'b.md'])
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    writeResultsFolder(out, [files('new')[0]], about)
    expect(readdirSync(out).sort()).toEqual(['a.csv', MANIFEST])
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('a new\n')
    expect(readdirSync(root).filter((f) => f.startsWith('.kmpool-'))).toEqual([])
  })

  it('leaves the old set whole when writing the new one fails, and no hidden folder', () => {
    const out = join(root, 'results-2')
    writeResultsFolder(out, files('old'), about)
    const bad: [string, string][] = [
      ['ok.csv', 'x'],
      ['sub/missing-folder.csv', 'y'],
    ]
    expect(() => writeResultsFolder(out, bad, about)).toThrow(/cannot write the results/)
    expect(readFileSync(join(out, 'b.md'), 'utf8')).toBe('b old\n')
    expect(readdirSync(root).filter((f) => f.startsWith('.kmpool-'))).toEqual([])
  })

  it('puts back the old set when a crash fell between the two renames', () => {
    const out = join(root, 'results-3')
    writeResultsFolder(out, files('old'), about)
    // What a crash right after moving the old set aside leaves: no target, the old set hidden.
    const old = join(root, '.kmpool-results-3.abcdef.old')
    execFileSync('mv', [out, old])
    mkdirSync(join(root, '.kmpool-results-3.123456.new'))
    writeResultsFolder(out, files('new'), about)
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('a new\n')
    expect(readdirSync(root).filter((f) => f.startsWith('.kmpool-results-3'))).toEqual([])
  })

  it('refuses a folder of other files, and the folder of the review it comes from', () => {
    const other = join(root, 'documents')
    mkdirSync(other)
    writeFileSync(join(other, 'thesis.docx'), 'mine')
    expect(() => writeResultsFolder(other, files('x'), about)).toThrow(
      /holds other files and no kmpool results/,
    )
    expect(readFileSync(join(other, 'thesis.docx'), 'utf8')).toBe('mine')
    expect(() => writeResultsFolder(review, files('x'), { ...about, inputs: [review] })).toThrow(
      /holds the review it would replace/,
    )
    expect(() => writeResultsFolder(root, files('x'), { ...about, inputs: [review] })).toThrow(
      /holds the review it would replace/,
    )
    expect(existsSync(join(review, 'studies/a.kmstudy'))).toBe(true)
  })
})
