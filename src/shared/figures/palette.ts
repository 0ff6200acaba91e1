/**
 * Colours told apart by readers with any common colour-vision deficiency: the Okabe–Ito palette
 * (Okabe & Ito 2008, "Color Universal Design"), without its yellow, which is too light on white,
 * in an order whose neighbours differ most in lightness as well as hue.
 */
export const SUBGROUP_COLORS = [
  '#0072B2', // blue
  '#D55E00', // vermilion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
] as const

/** The colour of the i-th subgroup; past the palette, greys. */
export function subgroupColor(i: number): string {
  return i < SUBGROUP_COLORS.length ? SUBGROUP_COLORS[i] : ['#555555', '#999999'][i % 2]
}
