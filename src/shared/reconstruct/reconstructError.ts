/**
 * Why a reconstruction was refused before any arithmetic. `index` is the 0-based position of the
 * offending point (`where: 'points'`) or risk-table row (`where: 'risk'`) in the input, so the CLI
 * can name the file's row and the app can select the point; the message never includes a row
 * number itself for that reason.
 */
export class ReconstructError extends Error {
  readonly where: 'points' | 'risk' | 'totals'
  readonly index: number | null

  constructor(where: 'points' | 'risk' | 'totals', index: number | null, message: string) {
    super(message)
    this.name = 'ReconstructError'
    this.where = where
    this.index = index
  }
}
