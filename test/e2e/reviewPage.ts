import type { Page } from 'playwright-core'

/** The review view's results revision, which the page raises each time new results are shown. */
export async function revision(page: Page): Promise<number> {
  return Number(await page.locator('.review-body').getAttribute('data-revision'))
}

/** Waits for results newer than `after`. */
export async function recomputed(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (after) =>
      Number(document.querySelector('.review-body')?.getAttribute('data-revision')) > after &&
      document.querySelector('.review-file')?.textContent?.includes('computing') === false,
    after,
  )
}
