import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/handlers'

const examplesDir = mkdtempSync(join(tmpdir(), 'kmpool-examples-'))
writeFileSync(join(examplesDir, 'points.csv'), 'time,surv\n0,1\n6,0.8\n')
writeFileSync(join(examplesDir, 'risk.csv'), 'time,n_risk\n0,10\n')
afterAll(() => rmSync(examplesDir, { recursive: true, force: true }))

const app = { name: 'kmpool', version: '1.2.3', platform: 'linux' }
const handlers = createHandlers({ app, examplesDir })

describe('handlers', () => {
  it('app:getInfo answers the name, version and platform', async () => {
    await expect(handlers['app:getInfo'](undefined)).resolves.toEqual(app)
  })

  it('example:load reads the two example files as text', async () => {
    await expect(handlers['example:load'](undefined)).resolves.toEqual({
      pointsCsv: 'time,surv\n0,1\n6,0.8\n',
      riskCsv: 'time,n_risk\n0,10\n',
    })
  })

  it('example:load fails when the examples are missing', async () => {
    const missing = createHandlers({ app, examplesDir: join(examplesDir, 'absent') })
    await expect(missing['example:load'](undefined)).rejects.toThrow(/ENOENT/)
  })

  it('reconstruct:run reconstructs the patients of the risk table', async () => {
    const { ipd } = await handlers['reconstruct:run']({
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
})
