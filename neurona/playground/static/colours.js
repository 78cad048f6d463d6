// TensorFlow Playground's colours (orange for -1, white for 0, blue for +1), and painting fields.
export const LUT = (() => {
  const orange = [245, 147, 34], white = [232, 234, 235], blue = [8, 119, 189], table = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255 * 2 - 1, end = t < 0 ? orange : blue, a = Math.abs(t);
    for (let c = 0; c < 3; c++) table[i * 4 + c] = white[c] + (end[c] - white[c]) * a;
    table[i * 4 + 3] = 255;
  }
  return table;
})();
export const colour = (value) => {
  const i = Math.max(0, Math.min(255, Math.round((value + 1) * 127.5))) * 4;
  return `rgb(${LUT[i]},${LUT[i + 1]},${LUT[i + 2]})`;
};

export function paint(canvas, bytes, offset, size, discretize) {
  const context = canvas.getContext("2d"), image = context.createImageData(size, size), data = image.data;
  for (let i = 0; i < size * size; i++) {
    let v = bytes[offset + i];
    if (discretize) v = v >= 128 ? 255 : 0;
    data.set(LUT.subarray(v * 4, v * 4 + 4), i * 4);
  }
  context.putImageData(image, 0, 0);
}

export function decode(base64) {
  const text = atob(base64), bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
