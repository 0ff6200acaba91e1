import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '../../src')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** The source files a file imports, as paths relative to src/ (static and dynamic imports). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = [...text.matchAll(/(?:from|import\()\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1])
  return found.map((spec) => relative(SRC, resolve(dirname(file), spec)))
}

describe('the layers', () => {
  it('main imports nothing from the CLI: both use the Node-side services in src/node', () => {
    const offending = files(join(SRC, 'main')).flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('cli'))
        .map((i) => `${relative(SRC, f)} -> ${i}`),
    )
    expect(offending).toEqual([])
  })

  it('the Node-side services import neither main nor the CLI, nor Electron', () => {
    const offending = files(join(SRC, 'node')).flatMap((f) => {
      const text = readFileSync(f, 'utf8')
      return [
        ...imports(f).filter((i) => i.startsWith('cli') || i.startsWith('main')),
        ...(/from ['"]electron['"]/.test(text) ? ['electron'] : []),
      ].map((i) => `${relative(SRC, f)} -> ${i}`)
    })
    expect(offending).toEqual([])
  })

  it('the check finds an import from the CLI where there is one', () => {
    expect(imports(join(SRC, 'cli/commands/review.ts'))).toContain('node/reviewResults')
    expect(imports(join(SRC, 'cli/main.ts'))).toContain('cli/commands/review')
  })

  it('no file reads or writes with fs directly in main, but through src/node', () => {
    const direct = files(join(SRC, 'main')).filter((f) =>
      /\b(readFile|writeFile|readFileSync|writeFileSync)\s*\(/.test(readFileSync(f, 'utf8')),
    )
    expect(direct.map((f) => relative(SRC, f))).toEqual([])
  })
})
