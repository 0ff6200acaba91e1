/**
 * The bounds on every number in a study or review file that sizes kmpool's work: how many curves,
 * points, patients, studies and grid points a computation may take, and how large a time may be.
 * A file from someone else that exceeds one is refused by its schema with a message naming the
 * field and the bound, before anything is computed (a review runs without such a study). Each
 * bound is far above any published Kaplan–Meier figure or trial; the IPC contract uses the same.
 */

/** The largest time, in the file's own unit (a million days is 2738 years). */
export const MAX_TIME = 1e6

/** The largest pixel coordinate or axis value. */
export const MAX_COORDINATE = 1e7

/** The most patients, events or patients at risk in one arm. */
export const MAX_PATIENTS = 500_000

/** Curves in one study (arms of one figure). */
export const MAX_CURVES = 50

/** Digitized points in one curve: a traced curve has about one per pixel column. */
export const MAX_POINTS_PER_CURVE = 20_000

/** Rows of one curve's numbers-at-risk table. */
export const MAX_RISK_ROWS = 1_000

/** Censor marks on one curve. */
export const MAX_CENSOR_MARKS = 100_000

/** Strokes of a study's tracing mask, and points in one stroke. */
export const MAX_MASK_STROKES = 10_000
export const MAX_STROKE_POINTS = 100_000

/** Published survival times of one study, and survival times a review pools. */
export const MAX_SURVIVAL_TIMES = 100

/** Studies in one review. */
export const MAX_STUDIES = 1_000

/** Points of the pooled curves' time grid (last survival time ÷ curveStep). */
export const MAX_GRID_POINTS = 5_000
