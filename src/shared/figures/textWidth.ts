/**
 * Text widths in DejaVu Sans without a DOM: the advance width of each character in units of
 * 1/2048 em (the font's units per em), measured once from DejaVuSans.ttf and DejaVuSans-Bold.ttf
 * (version 2.37) with Skia. Layout uses them to size columns and keep labels clear of each other;
 * kerning is ignored, which errs by well under 1% on the labels of these figures.
 */

/** Advance widths of the printable ASCII characters, code points 32 to 126. */
const ASCII_REGULAR = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401,
  1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612,
  1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300,
  1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067,
  803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
]

const ASCII_BOLD = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425,
  1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585,
  1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741,
  1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466,
  1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219,
  979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
]

/** Other characters the figures print. */
const EXTRA_REGULAR: Record<string, number> = {
  '–': 1024,
  '—': 2048,
  '²': 821,
  '³': 821,
  '·': 651,
  '×': 1716,
  '≥': 1716,
  '≤': 1716,
  τ: 1233,
  χ: 1183,
  '±': 1716,
  '−': 1716,
  '’': 651,
  '…': 2048,
  é: 1260,
  è: 1260,
  ö: 1253,
  ü: 1298,
  á: 1255,
  í: 569,
  ñ: 1298,
  ç: 1126,
  å: 1255,
  ø: 1253,
  æ: 2011,
  '◆': 1575,
  '■': 1935,
}

const EXTRA_BOLD: Record<string, number> = {
  '–': 1024,
  '—': 2048,
  '²': 897,
  '³': 897,
  '·': 778,
  '×': 1716,
  '≥': 1716,
  '≤': 1716,
  τ: 1307,
  χ: 1321,
  '±': 1716,
  '−': 1716,
  '’': 778,
  '…': 2048,
  é: 1389,
  è: 1389,
  ö: 1407,
  ü: 1458,
  á: 1382,
  í: 702,
  ñ: 1458,
  ç: 1214,
  å: 1382,
  ø: 1407,
  æ: 2146,
  '◆': 1575,
  '■': 1935,
}

/** Characters not in the tables (rare letters) count as an average lower-case letter. */
const FALLBACK = 1260

/** Width of `text` set in DejaVu Sans at `size` (any unit; the width is in the same unit). */
export function textWidth(text: string, size: number, bold = false): number {
  const ascii = bold ? ASCII_BOLD : ASCII_REGULAR
  const extra = bold ? EXTRA_BOLD : EXTRA_REGULAR
  let units = 0
  for (const ch of text) {
    const code = ch.codePointAt(0) as number
    units += code >= 32 && code < 127 ? ascii[code - 32] : (extra[ch] ?? FALLBACK)
  }
  return (units / 2048) * size
}
