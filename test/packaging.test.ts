import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Configuration } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  devDependencies: Record<string, string>
}

// Loaded and checked as electron-builder does at the start of a build, against the JSON schema it
// ships; neither step needs the network.
const config: Configuration = await getConfig(ROOT, null, null)
const quietLogger = { isEnabled: false, add: () => undefined }

const targets = (platform: 'linux' | 'mac' | 'win') =>
  (config[platform]?.target as string[] | undefined) ?? []

describe('installer configuration', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, quietLogger as never)).resolves.toBeUndefined()
  })

  it('is refused by that validation when it is wrong, so the check above has teeth', async () => {
    const wrong = { ...config, linux: { ...config.linux, targte: ['AppImage'] } } as Configuration
    await expect(validateConfiguration(wrong, quietLogger as never)).rejects.toThrow(
      /configuration.linux should be/,
    )
  })

  it('names the app', () => {
    expect(config.appId).toBe('org.kmpool.desktop')
    expect(config.productName).toBe('kmpool')
  })

  it('builds an AppImage and a deb for Linux, a dmg for macOS and NSIS for Windows', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb'])
    expect(targets('mac')).toEqual(['dmg'])
    expect(targets('win')).toEqual(['nsis'])
  })

  it('gives the deb package a maintainer and a desktop category', () => {
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/)
    expect(config.linux?.category).toBe('Science')
  })

  it('packages the built app, its package.json and the examples, and nothing else of the tree', () => {
    expect(config.files).toEqual([
      { filter: ['out/**', '!out/cli/**', 'package.json', 'examples/**'] },
    ])
    expect(pkg.main.startsWith('out/')).toBe(true)
  })

  it('unpacks the text reader beside the archive, where its worker thread can start', () => {
    expect(config.asarUnpack).toEqual([
      'node_modules/tesseract.js/**',
      'node_modules/tesseract.js-core/**',
      'node_modules/@tesseract.js-data/eng/**',
    ])
  })

  it('publishes nothing', () => {
    expect(config.publish).toBeNull()
  })

  it('writes the installers where git and the linters ignore them', () => {
    expect(config.directories?.output).toBe('dist')
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m)
  })

  it('has the documented build commands', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder')
    for (const [script, flag] of [
      ['dist:linux', '--linux'],
      ['dist:mac', '--mac'],
      ['dist:win', '--win'],
    ]) {
      expect(pkg.scripts[script]).toBe(`electron-vite build && electron-builder ${flag}`)
    }
    expect(pkg.devDependencies['electron-builder']).toBeDefined()
  })
})
