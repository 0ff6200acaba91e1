import type { PixelRect } from '../trace/types'

/**
 * What reading a number-at-risk table from a figure found. Times are in the calibration's time
 * unit; pixel places in image pixels (y down).
 */

/** One number read in the table, under the tick at `time`. */
export interface RiskCell {
  time: number
  nRisk: number
  /**
   * The number printed in parentheses beside it, when the table prints one: the cumulative number
   * censored in most journals that do (the table's header says which). Reported, never used.
   */
  inParentheses?: number
  /** The words' box, to show the reading in place. */
  box: PixelRect
  /** The OCR engine's confidence in the number, 0–100. */
  confidence: number
}

/**
 * Why a cell, a row or the table needs a person to look at it. Cells are never guessed: each code
 * names what was seen instead of a number.
 * - missing: nothing read under a tick that other rows have a number under;
 * - blank: no ink at all under that tick in this row (tables that stop printing once no one is left);
 * - low-confidence: read, but not surely enough to use (left out); or, beside a number kept in
 *   `cells`, printed so small (8-pixel fonts) that every reading may share a mistake: check it;
 * - not-a-number: text that is not a whole number ("1O", "—", "12.5");
 * - disagree: two readings of the cell gave different numbers, or the number read leaves ink of
 *   its cell unread (a digit lost);
 * - two-numbers: two numbers under one tick;
 * - stray: a number between ticks, under none of them;
 * - rises: a number larger than the one before it in the row (numbers at risk only fall);
 * - exceeds-n: a number larger than the arm's N;
 * - no-label: a row with numbers but no words or colour naming its arm.
 */
export type RiskProblemCode =
  | 'missing'
  | 'blank'
  | 'low-confidence'
  | 'not-a-number'
  | 'disagree'
  | 'two-numbers'
  | 'stray'
  | 'rises'
  | 'exceeds-n'
  | 'no-label'

export interface RiskProblem {
  code: RiskProblemCode
  /** The tick the cell stands under, when it stands under one. */
  time?: number
  /** Where it is in the image. */
  box: PixelRect
  /** What was read there, when anything was. */
  text?: string
  /** The same in words, for a person. */
  message: string
}

/** One row of the table: an arm's numbers at risk. */
export interface RiskArm {
  /** The words naming the arm, left of its numbers ('' when the row has none). */
  label: string
  /** The colour of the label's ink or of a line drawn beside it, when it is not black or grey. */
  color?: string
  /** The cells read, in time order; unreadable cells are left out and listed in `problems`. */
  cells: RiskCell[]
  problems: RiskProblem[]
  /** The row's box, label included. */
  box: PixelRect
}

export interface RiskTableReading {
  /** The tick times the columns stand under, in order. */
  times: number[]
  /**
   * Where the tick times came from: the axis's tick labels as read, the caller, or (no labels
   * read) the tick spacing the calibration's values suggest, kept where numbers stand.
   */
  timesFrom: 'axis-labels' | 'given' | 'calibration'
  /** The header line ("Number at risk", "No. at Risk"), when there is one. */
  header?: string
  /** The rows, top to bottom. */
  arms: RiskArm[]
  /** Lines below the axis with digits that are neither tick labels nor table rows. */
  ignored: { text: string; box: PixelRect }[]
}
