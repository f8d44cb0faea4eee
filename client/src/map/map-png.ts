/** One visible layer's legend as it is drawn into the image. */
export interface PngLegend {
  title: string;
  /** How the layer's features look on the map, so the legend's swatches look the same. */
  shape: 'area' | 'dot' | 'square';
  classes: { label: string; color: string }[];
  source: string;
}

export interface PngInput {
  /** The map's WebGL canvas (drawn with preserveDrawingBuffer, so it can be read). */
  canvas: HTMLCanvasElement;
  title: string;
  legends: PngLegend[];
  attribution: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** Wraps text into lines no wider than `width` pixels. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The map as a PNG a person can paste into a briefing: the map image, a title
 * above it, and beside it the legend of every visible layer with its source,
 * then the attribution line, so the image never travels without them.
 */
export function composeMapPng({ canvas, title, legends, attribution }: PngInput): HTMLCanvasElement {
  const ratio = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const mapW = canvas.width;
  const mapH = canvas.height;
  const pad = 12 * ratio;
  const legendW = 300 * ratio;
  const line = 18 * ratio;

  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  // Measure the title and the legend column first so the image is as tall as the taller of map and legend.
  const textW = legendW - 2 * pad - 22 * ratio;
  ctx.font = `600 ${16 * ratio}px ${FONT}`;
  const titleLines = wrap(ctx, title, mapW + legendW - 2 * pad);
  const titleH = (titleLines.length * 22 + 14) * ratio;
  ctx.font = `${13 * ratio}px ${FONT}`;
  const blocks = legends.map((l) => ({
    shape: l.shape,
    title: wrap(ctx, l.title, legendW - 2 * pad),
    classes: l.classes.map((c) => ({ ...c, lines: wrap(ctx, c.label, textW) })),
    source: wrap(ctx, l.source, legendW - 2 * pad),
  }));
  const legendH = blocks.reduce(
    (h, b) =>
      h + (b.title.length + b.source.length) * line + b.classes.reduce((s, c) => s + c.lines.length * line, 0) + pad,
    pad,
  );
  const attrLines = wrap(ctx, attribution, mapW + legendW - 2 * pad);
  const bodyH = Math.max(mapH, legendH);
  out.width = Math.round(mapW + legendW);
  out.height = Math.round(titleH + bodyH + attrLines.length * line + pad);

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1b1f23';
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${16 * ratio}px ${FONT}`;
  titleLines.forEach((t, i) => ctx.fillText(t, pad, (7 + 11 + i * 22) * ratio));
  ctx.drawImage(canvas, 0, titleH, mapW, mapH);
  ctx.strokeStyle = '#8c969e';
  ctx.strokeRect(0, titleH, mapW, mapH);

  let y = titleH + pad;
  const x = mapW + pad;
  for (const b of blocks) {
    ctx.font = `600 ${13 * ratio}px ${FONT}`;
    for (const t of b.title) {
      ctx.fillText(t, x, y + line / 2);
      y += line;
    }
    ctx.font = `${13 * ratio}px ${FONT}`;
    for (const c of b.classes) {
      ctx.fillStyle = c.color;
      ctx.strokeStyle = '#555555';
      if (b.shape === 'dot') {
        ctx.beginPath();
        ctx.arc(x + 7 * ratio, y + line / 2, 6 * ratio, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      } else {
        // Areas are wide patches, service points squares.
        const w = (b.shape === 'square' ? 12 : 14) * ratio;
        ctx.fillRect(x, y + 3 * ratio, w, 12 * ratio);
        ctx.strokeRect(x, y + 3 * ratio, w, 12 * ratio);
      }
      ctx.fillStyle = '#1b1f23';
      for (const t of c.lines) {
        ctx.fillText(t, x + 22 * ratio, y + line / 2);
        y += line;
      }
    }
    ctx.fillStyle = '#4b5560';
    ctx.font = `italic ${12 * ratio}px ${FONT}`;
    for (const t of b.source) {
      ctx.fillText(t, x, y + line / 2);
      y += line;
    }
    ctx.fillStyle = '#1b1f23';
    y += pad;
  }

  ctx.font = `${12 * ratio}px ${FONT}`;
  ctx.fillStyle = '#4b5560';
  let ay = titleH + bodyH + pad / 2;
  for (const t of attrLines) {
    ctx.fillText(t, pad, ay + line / 2);
    ay += line;
  }
  return out;
}
