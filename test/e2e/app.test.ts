import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appInfo, describeEachTarget, screenshot, scriptedDialogs, startApp } from './harness'
import { repoRoot } from './paths'

describeEachTarget('the app', (app, target) => {
  it('opens on an empty study view that says how to start', async () => {
    const { page, errors } = app()
    await page.waitForFunction(() => document.title.endsWith('kmpool'))
    await page.getByText('Open a Kaplan–Meier figure').waitFor()
    await page.getByText(`kmpool ${appInfo.version}`).waitFor()
    await page.getByRole('tab', { name: '1 Axes' }).waitFor()
    await screenshot(page, `empty-study-view-${target.name}`)
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

  it('shows a failed reconstruction as an error, and keeps the study', async () => {
    const dialogs = scriptedDialogs()
    dialogs.open.push(join(repoRoot, 'examples/bonner2006.kmstudy'))
    const { page, menu, close } = await startApp({
      dialogs,
      viewport: { width: 1280, height: 800 },
      handlers: {
        'study:reconstruct': async () => {
          throw new Error('the risk table is impossible for this curve')
        },
      },
    })
    try {
      await menu('open-study')
      const alert = page.getByRole('alert').filter({ hasText: 'impossible for this curve' })
      await alert.waitFor()
      expect(await alert.textContent()).toBe('the risk table is impossible for this curve')
      await page.getByRole('tab', { name: '2 Curves' }).click()
      await page.getByText('Radiotherapy plus cetuximab · 136 points').waitFor()
      await screenshot(page, 'reconstruction-failed')
    } finally {
      await close()
    }
  })
})
