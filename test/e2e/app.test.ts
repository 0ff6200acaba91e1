import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePoints, parseRisk } from '../../src/renderer/src/columns'
import { reconstruct } from '../../src/shared/reconstruct'
import { appInfo, describeEachTarget, examplesDir, screenshot, startApp } from './harness'

function expectedExample() {
  const { ipd, report } = reconstruct({
    points: parsePoints(readFileSync(join(examplesDir, 'points.csv'), 'utf8')),
    risk: parseRisk(readFileSync(join(examplesDir, 'risk.csv'), 'utf8')),
  })
  return [
    String(ipd.length),
    String(ipd.filter((row) => row.event === 1).length),
    report.accuracy.rmse.toFixed(4),
  ]
}

describeEachTarget('the app', (app, target) => {
  it('shows its name and version and reconstructs the example', async () => {
    const { page, errors } = app()
    expect(await page.title()).toBe('kmpool')
    await page.getByRole('heading', { level: 1, name: 'kmpool' }).waitFor()
    await page.getByText(`version ${appInfo.version}`).waitFor()

    await page.getByRole('button', { name: 'Reconstruct the example' }).click()
    const result = page.getByRole('region', { name: 'Result' })
    await result.locator('dl').waitFor()
    expect(await result.locator('dt').allTextContents()).toEqual(['Patients', 'Events', 'RMSE'])
    expect(await result.locator('dd').allTextContents()).toEqual(expectedExample())

    await screenshot(page, `reconstruct-example-${target.name}`)
    expect(errors).toEqual([])
  })
})

describe('the bridged preload API', () => {
  it('rejects an invalid request with the contract message, as main does', async () => {
    const { page, close } = await startApp()
    try {
      const message = await page.evaluate(() =>
        (globalThis as unknown as Window).kmpool.reconstruct({ points: [] }).then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
      )
      expect(message).toContain('Invalid request for "reconstruct:run": points: Too small')
    } finally {
      await close()
    }
  })

  it('shows a failed reconstruction as an error', async () => {
    const { page, close } = await startApp({
      handlers: {
        'reconstruct:run': async () => {
          throw new Error('the risk table is impossible for this curve')
        },
      },
    })
    try {
      await page.getByRole('button', { name: 'Reconstruct the example' }).click()
      await page.getByText('the risk table is impossible for this curve', { exact: true }).waitFor()
      await screenshot(page, 'reconstruct-example-failed')
    } finally {
      await close()
    }
  })
})
