/**
 * Charts drawn on the server without a browser: ECharts renders SVG (server-side rendering), resvg turns it into
 * PNG. PNG because Outlook desktop renders mail with Word, which shows no SVG; and exceljs embeds images, not
 * charts. resvg does not read the system's fonts here: the CJK font file is loaded explicitly, so a missing
 * font is an error that names the package instead of a chart full of empty boxes.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { EChartsCoreOption, init } from 'echarts/types/dist/echarts' with { 'resolution-mode': 'import' };

// echarts' package is an ES module for TypeScript while this package compiles to CommonJS; its package.json maps
// require() to the UMD build, so the module is required and typed from its bundled declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const echarts = require('echarts') as { init: typeof init };

/** Debian's fonts-wqy-microhei: small, and the fastest CJK font resvg loads (see LIBRARY-NOTES). */
export const DEFAULT_CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const CJK_FONT_FAMILY = 'WenQuanYi Micro Hei';
export const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

export class MissingFontError extends Error {
  constructor(readonly path: string) {
    super(
      `图表需要中文字体文件 ${path}，但找不到它。请安装 Debian 软件包 ${CJK_FONT_PACKAGE}（apt-get install -y ${CJK_FONT_PACKAGE}），` +
        `或在配置 charts.fontFile 中指定一个中文字体文件。 / Charts need the CJK font file ${path}, which is missing: ` +
        `install the Debian package ${CJK_FONT_PACKAGE} (apt-get install -y ${CJK_FONT_PACKAGE}) or set charts.fontFile to a CJK font.`,
    );
    this.name = 'MissingFontError';
  }
}

export interface ChartOptions {
  width: number;
  height: number;
  /** CJK font file (.ttf/.ttc/.otf); default Debian's WenQuanYi Micro Hei. */
  fontFile?: string;
  /** Pixel density of the PNG (2: sharp on high-DPI screens and in print). */
  scale?: number;
}

export function requireFont(fontFile: string = DEFAULT_CJK_FONT): string {
  if (!existsSync(fontFile)) throw new MissingFontError(fontFile);
  return fontFile;
}

/** Renders an ECharts option to PNG bytes. */
export function renderChart(option: EChartsCoreOption, opts: ChartOptions): Buffer {
  const fontFile = requireFont(opts.fontFile);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width, height: opts.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CJK_FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    return new Resvg(svg, {
      font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
      fitTo: { mode: 'zoom', value: opts.scale ?? 2 },
      background: '#ffffff',
    }).render().asPng();
  } finally {
    chart.dispose();
  }
}
