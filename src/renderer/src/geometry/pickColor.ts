/**
 * The eyedropper's colour. A curve is a line two or three pixels wide whose edges are blends with
 * the background, so the pixel under the pointer is often a pale tint of the curve's colour. The
 * pick is the inkiest pixel of a small window around it: the one farthest from the window's
 * lightest pixel, which stands for the background.
 */
export function inkiestPixel(
  data: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): [number, number, number] {
  const n = width * height
  let light = 0
  let lightSum = -1
  for (let i = 0; i < n; i++) {
    const sum = data[i * 4] + data[i * 4 + 1] + data[i * 4 + 2]
    if (sum > lightSum) {
      lightSum = sum
      light = i
    }
  }
  const bg = [data[light * 4], data[light * 4 + 1], data[light * 4 + 2]]
  let best = light
  let bestD = -1
  for (let i = 0; i < n; i++) {
    const d =
      (data[i * 4] - bg[0]) ** 2 + (data[i * 4 + 1] - bg[1]) ** 2 + (data[i * 4 + 2] - bg[2]) ** 2
    if (d > bestD) {
      bestD = d
      best = i
    }
  }
  return [data[best * 4], data[best * 4 + 1], data[best * 4 + 2]]
}
