/**
 * The package as a user installs it: `npm pack` of the files package.json's `files` names, with the
 * CLI built (scripts/build-cli.mjs) into the package's folder, installed with `npm install -g` into
 * a temporary prefix (runtime dependencies only, from npm's cache; no Electron binary, no tsx),
 * and the installed `kmpool` run as a process from another folder. The shared out/cli is not
 * touched: the build goes to a folder of this test's own.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'

const ROOT = resolve(import.meta.dirname, '../..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
  files: string[]
  dependencies: Record<string, string>
}
const work = mkdtempSync(join(tmpdir(), 'kmpool-package-'))
const stage = join(work, 'package')
const prefix = join(work, 'prefix')
const elsewhere = join(work, 'cwd')
const kmpool = join(prefix, 'bin', 'kmpool')
let packed: string[] = []
/** The PDF page the trace test renders, which the image test then reads. */
const page = join(work, 'lung-page.png')

/**
 * npm as a user runs it: without the variables an `npm test` around this test sets for its script
 * (the package and folder it runs in), no Electron download, no update check; the user's own npm
 * configuration (npm_config_*, registry, cache) is kept.
 */
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_(package_|lifecycle_|command$|config_local_prefix$)/.test(k),
    ),
  ),
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
}

function run(...argv: string[]) {
  const r = spawnSync(kmpool, argv, { cwd: elsewhere, encoding: 'utf8', env })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(() => {
  // The package's folder: package.json, README and the `files` entries, with out/cli built.
  mkdirSync(stage)
  mkdirSync(elsewhere)
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...pkg.files]) {
    const from = join(ROOT, entry)
    if (!entry.startsWith('out/') && existsSync(from))
      cpSync(from, join(stage, entry), { recursive: true })
  }
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/build-cli.mjs'), '--out', join(stage, 'out/cli')],
    {
      stdio: 'pipe',
    },
  )
  const listing = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    {
      cwd: stage,
      env,
      encoding: 'utf8',
    },
  )
  const [{ filename, files }] = JSON.parse(listing) as {
    filename: string
    files: { path: string }[]
  }[]
  packed = files.map((f) => f.path)
  execFileSync(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      join(work, filename),
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: elsewhere, env, stdio: 'pipe' },
  )
}, 180_000)

describe('the npm package', () => {
  it('holds the built CLI and its contract, not the sources, tests or the app', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/kmpool.mjs',
        'out/cli/kmpool.mjs',
        'out/cli/pdfWorker.mjs',
        'docs/cli.md',
      ]),
    )
    expect(
      packed.filter((f) => /^(src|test|examples|node_modules|out\/(renderer|preload))\//.test(f)),
    ).toEqual([])
  })

  it('installs its runtime dependencies only: no tsx, no Electron', () => {
    const installed = readdirSync(join(prefix, 'lib', 'node_modules'))
    expect(installed).toEqual(['kmpool'])
    const deps = readdirSync(join(prefix, 'lib', 'node_modules', 'kmpool', 'node_modules'))
    expect(deps).not.toContain('tsx')
    expect(deps).not.toContain('electron')
    expect(deps).toContain('pdfjs-dist')
  })

  it('kmpool --help lists the commands; an unknown one exits 2', () => {
    const help = run('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: kmpool <command>/)
    for (const name of ['reconstruct', 'km', 'trace', 'pool', 'review']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'))
    }
    const unknown = run('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^kmpool: unknown command "frobnicate"/)
  })

  it('kmpool km gives R survival’s hazard ratio on examples/ipd.csv', () => {
    const r = run('km', '--ipd', join(ROOT, 'examples/ipd.csv'), '--group', 'arm', '--json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const golden = JSON.parse(readFileSync(join(ROOT, 'test/golden/km.json'), 'utf8'))
    const { hr } = JSON.parse(r.stdout)
    for (const key of ['hr', 'lower', 'upper', 'p_logrank'] as const) {
      expectClose(hr[key], golden.hr[key], {}, `hr.${key}`)
    }
  })

  it('kmpool trace reads a PDF in its built worker thread', () => {
    const fixture = (f: string) => join(ROOT, 'test/fixtures/pdf', f)
    const r = run(
      'trace',
      '--pdf',
      fixture('lung.pdf'),
      '--calibration',
      fixture('lung.json'),
      '--color',
      'auto',
      '--render-out',
      page,
      '--json',
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.source).toBe('vector')
    expect(json.curves).toHaveLength(2)
  })

  it('kmpool review writes its figures (the SVG renderer) and records the package version', () => {
    const out = join(work, 'review')
    const r = run('review', join(ROOT, 'examples/metastasectomy'), '--out', out, '--dpi', '72')
    expect(r.code).toBe(0)
    expect(existsSync(join(out, 'forest_hr.png'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(manifest.kmpool).toBe(pkg.version)
  })

  it('kmpool trace reads a PNG with the canvas package', () => {
    const fixture = (f: string) => join(ROOT, 'test/fixtures/pdf', f)
    const r = run(
      'trace',
      '--image',
      page,
      '--calibration',
      fixture('lung.json'),
      '--color',
      'auto',
      '--json',
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.source).toBe('pixels')
    expect(json.curves).toHaveLength(2)
  })
})
