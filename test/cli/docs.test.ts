/**
 * docs/cli.md shows each command's --help as the command prints it: the section between its
 * help markers is generated from the commands (KMPOOL_WRITE_DOCS=1 npx vitest run
 * test/cli/docs.test.ts rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainHelp } from '../../src/cli/dispatch'
import { commands } from '../../src/cli/main'

const DOC = join(resolve(import.meta.dirname, '../..'), 'docs/cli.md')
const START = '<!-- help:start -->'
const END = '<!-- help:end -->'

function helpSection(): string {
  const blocks = [
    `### kmpool --help\n\n\`\`\`text\n${mainHelp}\n\`\`\``,
    ...Object.entries(commands).map(
      ([name, c]) => `### kmpool ${name}\n\n\`\`\`text\n${c.help}\n\`\`\``,
    ),
  ]
  return `${START}\n\n${blocks.join('\n\n')}\n\n${END}`
}

describe('docs/cli.md', () => {
  it("shows every command's help as the command prints it", () => {
    const doc = readFileSync(DOC, 'utf8')
    const start = doc.indexOf(START)
    const end = doc.indexOf(END) + END.length
    expect(start, 'the help markers').toBeGreaterThan(0)
    const generated = doc.slice(0, start) + helpSection() + doc.slice(end)
    if (process.env.KMPOOL_WRITE_DOCS) writeFileSync(DOC, generated)
    expect(doc, 'rewrite with KMPOOL_WRITE_DOCS=1').toBe(generated)
  })

  it('names every command, and the exit codes the CLI uses', () => {
    const doc = readFileSync(DOC, 'utf8')
    for (const name of Object.keys(commands)) expect(doc).toContain(`kmpool ${name}`)
    for (const code of [0, 1, 2, 3]) expect(doc).toMatch(new RegExp(`^\\| ${code} +\\|`, 'm'))
  })
})
