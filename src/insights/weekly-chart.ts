import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { weeklyChartAltText } from './weekly-chart-alt-text.ts';
import { checkWeeklyChartInput, type WeeklyChartInput } from './weekly-chart-input.ts';
import { chartWidth, weeklyChartSpec } from './weekly-chart-spec.ts';

export type WeeklyChart = {
  png: Buffer;
  /** The PNG's pixel size, read from its IHDR header. */
  width: number;
  height: number;
  svg: string;
  altText: string;
};

/** Pixels per CSS pixel in the PNG: Slack scales images down, so twice the size keeps text crisp. */
export const chartScale = 2;

// The spec names no URL; this loader makes sure nothing can be fetched or read if one ever appears.
const noLoading = {
  ...vega.loader(),
  load: () => Promise.reject(new Error('the weekly chart loads nothing from outside')),
  sanitize: () => Promise.reject(new Error('the weekly chart loads nothing from outside')),
  http: () => Promise.reject(new Error('the weekly chart loads nothing from outside')),
  file: () => Promise.reject(new Error('the weekly chart loads nothing from outside')),
};

/**
 * The weekly reliability chart as SVG and PNG (800×360 CSS pixels, drawn at twice that), with alt
 * text describing the same data. Throws a RangeError saying what to fix when the input is not
 * consecutive Monday weeks of known severities. Renders without a browser or network.
 */
export async function renderWeeklyChart(input: WeeklyChartInput): Promise<WeeklyChart> {
  checkWeeklyChartInput(input);
  const { $schema: _schema, ...spec } = compile(weeklyChartSpec(input)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader: noLoading as vega.Loader });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: chartWidth * chartScale },
      background: 'white',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    return { png, ...pngSize(png), svg, altText: weeklyChartAltText(input) };
  } finally {
    view.finalize();
  }
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The width and height a PNG declares in its IHDR chunk (bytes 16–23). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(pngSignature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new RangeError('not a PNG: no signature and IHDR header');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
