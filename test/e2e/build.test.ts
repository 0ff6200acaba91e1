import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { META_CONTENT_SECURITY_POLICY } from '../../src/main/security'
import { outDir } from './paths'

describe('the build', () => {
  it('gives a sandboxed preload nothing to require but electron', () => {
    const preload = readFileSync(join(outDir, 'preload/index.cjs'), 'utf8')
    const required = new Set(
      [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
    )
    expect([...required]).toEqual(['electron'])
  })

  it('keeps the CSP meta tag in the built page', () => {
    const html = readFileSync(join(outDir, 'renderer/index.html'), 'utf8')
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`)
  })

  it('loads the built page without inline scripts', () => {
    const html = readFileSync(join(outDir, 'renderer/index.html'), 'utf8')
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})
