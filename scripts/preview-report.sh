#!/usr/bin/env bash
# Shows what leadership gets, as pictures: the HTML mail rendered by headless Chromium (desktop and phone width) and
# the report workbook printed by LibreOffice, as PNG files in <report folder>/preview/.
#
#   scripts/preview-report.sh                  the newest report under var/demo/reports or var/reports
#   scripts/preview-report.sh <report folder>  e.g. var/reports/harbin-14th-fyp/2025-10
#
# A report folder is what `plan-monitor report --month …` or `npm run demo` writes. Needs Debian's chromium,
# libreoffice-calc-nogui and poppler-utils, and a CJK font (fonts-wqy-microhei) for the Chinese text.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || missing="$missing chromium"
command -v soffice >/dev/null || missing="$missing libreoffice-calc-nogui"
command -v pdftoppm >/dev/null || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  echo "缺少 / missing:$missing — apt-get install -y$missing fonts-wqy-microhei" >&2
  exit 2
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "警告：没有中文字体，汉字将显示为方框 / warning: no CJK font (apt-get install -y fonts-wqy-microhei)" >&2
fi

folder="${1:-}"
if [ -z "$folder" ]; then
  folder="$(ls -1td var/demo/reports/*/* var/reports/*/* 2>/dev/null | head -n 1 || true)"
  [ -n "$folder" ] || { echo "没有报告，请先运行 npm run demo / no report yet: run npm run demo first" >&2; exit 2; }
fi
[ -f "$folder/mail-leadership.html" ] || { echo "不是报告目录 / not a report folder: $folder" >&2; exit 2; }
out="$folder/preview"
mkdir -p "$out"
rm -f "$out"/*.png

# The mails: desktop mail-client width and a phone's, whole page.
CHROMIUM="$chromium" node - "$folder" "$out" <<'NODE'
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');
(async () => {
  const [folder, out] = process.argv.slice(2);
  const pages = fs.readdirSync(folder).filter((f) => /^mail-.*\.html$/.test(f));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
  try {
    for (const file of pages) {
      for (const [label, width] of [['desktop', 760], ['phone', 390]]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        await page.goto(`file://${path.resolve(folder, file)}`);
        const target = path.join(out, `${file.replace(/\.html$/, '')}-${label}.png`);
        await page.screenshot({ path: target, fullPage: true });
        await page.close();
        console.log(target);
      }
    }
  } finally {
    await browser.close();
  }
})().catch((err) => { console.error(err); process.exit(1); });
NODE

# The workbook as LibreOffice prints it (a private profile: a running or broken one makes the conversion do nothing).
xlsx="$(ls -1 "$folder"/*.xlsx | head -n 1)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$xlsx" >/dev/null
pdf="$out/$(basename "${xlsx%.xlsx}").pdf"
pdftoppm -png -r 80 "$pdf" "$out/workbook"
ls -1 "$out"/workbook*.png
