/**
 * Renders addin/static/assets/icon.svg into the PNG sizes the manifest names (16, 32, 64, 80, 128) with headless
 * Chromium. Run by hand when the icon changes (`npm run build && node dist/scripts/make-addin-icons.js`); the PNGs
 * are committed, so neither the add-in build nor the manifest test needs Chromium.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './build-addin';

const ASSETS = path.join(ROOT, 'addin', 'static', 'assets');
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

export async function makeIcons(executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'): Promise<void> {
  const svg = await readFile(path.join(ASSETS, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      await writeFile(path.join(ASSETS, `icon-${size}.png`), await page.screenshot({ omitBackground: true }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) void makeIcons();
