/// <reference lib="dom" />
/**
 * The review view's speed target (issue 6), measured in the built renderer in Chromium with the
 * main-process handlers bridged: the time from a settings change (the estimator flipped between
 * REML and DL) to the painted results view, for the example review and for a generated review of
 * 100 studies. Main keeps the review's reconstructions cached, as the app does; the bridge
 * carries each call over the DevTools protocol, slower than Electron's IPC, so this is an upper
 * bound.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { createHandlers } from '../../src/main/handlers'
import { formatStudyFile } from '../../src/shared/model/projectFile'
import { REVIEW_FORMAT, REVIEW_VERSION } from '../../src/shared/model/review'
import { formatReviewFile } from '../../src/shared/model/reviewFile'
import { appInfo, scriptedDialogs, startApp, type RunningApp } from '../e2e/browser'
import buildApp from '../e2e/global-setup'
import { repoRoot } from '../e2e/paths'
import { stats } from './browserBench'
import { generatedInput } from './review'

/** The generated review of `k` studies written as a review folder; answers its .kmreview path. */
function writeGenerated(dir: string, k: number): string {
  const input = generatedInput(k)
  mkdirSync(join(dir, 'studies'), { recursive: true })
  for (const s of input.studies) writeFileSync(join(dir, s.path), formatStudyFile(s.study!))
  const path = join(dir, 'generated.kmreview')
  writeFileSync(
    path,
    formatReviewFile({
      format: REVIEW_FORMAT,
      version: REVIEW_VERSION,
      title: input.title,
      settings: input.settings,
      studies: input.studies.map((s) => ({ path: s.path, included: true, reason: '' })),
    }),
  )
  return path
}

/** Milliseconds from a click on REML or DL to the painted frame of the recomputed results. */
async function settingsLatency(page: Page, changes: number): Promise<number[]> {
  return page.evaluate(async (changes) => {
    const body = document.querySelector<HTMLElement>('.review-body')!
    const group = document.querySelector('[aria-label="Quick estimator"]')!
    const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()))
    const times: number[] = []
    for (let i = 0; i < changes; i++) {
      const revision = Number(body.dataset.revision)
      const button = group.querySelector<HTMLButtonElement>('[aria-checked="false"]')!
      const shown = new Promise<void>((done) => {
        const observer = new MutationObserver(() => {
          if (Number(body.dataset.revision) > revision) {
            observer.disconnect()
            done()
          }
        })
        observer.observe(body, { attributes: true })
      })
      const t0 = performance.now()
      button.click()
      await shown
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)))
      await frame()
      times.push(performance.now() - t0)
    }
    return times
  }, changes)
}

async function measure(app: RunningApp, print: (s: string) => void, name: string, k: number) {
  const { page } = app
  await page.locator('[data-pooled="overall:60"]').waitFor({ timeout: 120_000 })
  await settingsLatency(page, 4)
  const s = stats(await settingsLatency(page, 20))
  print(`| ${name} | ${k} | ${s.median.toFixed(0)} | ${s.mean.toFixed(0)} | ${s.p95.toFixed(0)} |`)
}

export async function benchReviewView(print: (s: string) => void): Promise<void> {
  print('')
  print('## Review view: settings change (REML ⇄ DL) → updated results view (Chromium, bridged)')
  print('')
  await buildApp()
  print('| review | studies | median ms | mean ms | p95 ms |')
  print('| --- | --- | --- | --- | --- |')
  const dialogs = scriptedDialogs()
  const handlers = createHandlers({
    app: appInfo,
    dialogs,
    examplesDir: join(repoRoot, 'examples'),
  })
  const viewport = { width: 1400, height: 900 }
  const example = await startApp({ dialogs, handlers, viewport })
  try {
    await measure(example, print, 'examples/metastasectomy', 14)
  } finally {
    await example.close()
  }
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-bench-review-'))
  const generated = scriptedDialogs()
  generated.open.push(writeGenerated(dir, 100))
  const big = await startApp({ dialogs: generated, viewport })
  try {
    await big.menu('open-review')
    await measure(big, print, 'generated', 100)
  } finally {
    await big.close()
    rmSync(dir, { recursive: true, force: true })
  }
  print('')
  print('Target (issue 6): under 200 ms from a settings change to the updated results view.')
  print('')
}
