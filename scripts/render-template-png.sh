#!/usr/bin/env bash
# Renders an indicator template as LibreOffice prints it, to PNG pages in var/preview/, so that a person can look at
# what a unit gets (column widths, wrapping, Chinese glyphs, print layout).
#
#   scripts/render-template-png.sh file.xlsx
#   scripts/render-template-png.sh --plan <id> --unit <code> --month 2025-10     (uses the built CLI: npm run build)
#
# Needs Debian's libreoffice-calc-nogui and poppler-utils; Chinese glyphs need a CJK font (fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in soffice pdftoppm; do
  if ! command -v "$tool" >/dev/null; then
    echo "缺少 $tool / $tool is missing: apt-get install -y libreoffice-calc-nogui poppler-utils fonts-wqy-microhei" >&2
    exit 2
  fi
done
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "警告：没有中文字体，汉字将显示为方框 / warning: no CJK font installed (apt-get install -y fonts-wqy-microhei)" >&2
fi

out_dir=var/preview
mkdir -p "$out_dir"
if [[ "${1:-}" == --* ]]; then
  plan="" unit="" month=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --plan) plan="$2"; shift 2 ;;
      --unit) unit="$2"; shift 2 ;;
      --month) month="$2"; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  xlsx="$out_dir/${plan}-${unit}-${month}.xlsx"
  node bin/plan-monitor.js template --plan "$plan" --unit "$unit" --month "$month" --out "$xlsx"
else
  xlsx="${1:?usage: scripts/render-template-png.sh file.xlsx | --plan <id> --unit <code> --month YYYY-MM}"
fi

name="$(basename "${xlsx%.xlsx}")"
# A private LibreOffice profile: a running or broken user profile otherwise makes the conversion silently do nothing.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out_dir" "$xlsx" >/dev/null
rm -f "$out_dir/$name"-*.png
pdftoppm -png -r 110 "$out_dir/$name.pdf" "$out_dir/$name"
ls -1 "$out_dir/$name"*.png
