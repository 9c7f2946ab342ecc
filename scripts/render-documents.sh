#!/usr/bin/env bash
# Renders the demo's draft dispatch (DOCX, PDF) and district report (PDF), then, with the tools
# that are installed, looks at them the way a reader's software does (docs/dispatch.md, "Checking
# the layout"):
#   - LibreOffice (soffice) converts the DOCX to PDF, as it lays it out;
#   - pdftoppm (poppler-utils) draws every page as a PNG to look at;
#   - pdftotext (poppler-utils) checks that the national title is one line in each PDF, LibreOffice's
#     included, and that "3. Biểu đồ" shares its page with the chart under it.
# Usage: scripts/render-documents.sh [OUT_DIR]   (default ./document-renders, kept out of git)
# On Debian/Ubuntu: apt-get install -y poppler-utils (small); libreoffice-writer-nogui (large, optional).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-document-renders}"
mkdir -p "$out"
npx tsx --conditions=react-server scripts/render-documents.ts "$out"

status=0
pdfs=("$out"/*.pdf)
if command -v soffice >/dev/null 2>&1; then
  soffice --headless --convert-to pdf --outdir "$out/libreoffice" "$out/cong-van.docx" >/dev/null
  pdfs+=("$out/libreoffice/cong-van.pdf")
  echo "[render] LibreOffice: $out/libreoffice/cong-van.pdf"
else
  echo "[render] soffice không có: bỏ qua bản DOCX qua LibreOffice (apt-get install -y libreoffice-writer-nogui)."
fi

if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  for pdf in "${pdfs[@]}"; do
    pdftoppm -r 80 -png "$pdf" "${pdf%.pdf}"
    if [[ "$pdf" == *cong-van* ]]; then
      if pdftotext -layout -l 1 "$pdf" - | grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"; then
        echo "[render] $(basename "$pdf"): quốc hiệu trên một dòng."
      else
        echo "[render] $(basename "$pdf"): quốc hiệu bị xuống dòng!"; status=1
      fi
    fi
  done
  if pdftotext "$out/bao-cao-quan.pdf" - | tr '\f' '\n' | grep -A1 "^3\. Biểu đồ$" | tail -n1 | grep -q "Tỷ lệ cài đặt của các"; then
    echo "[render] bao-cao-quan.pdf: \"3. Biểu đồ\" đi cùng biểu đồ đầu tiên."
  else
    echo "[render] bao-cao-quan.pdf: \"3. Biểu đồ\" đứng một mình!"; status=1
  fi
  echo "[render] Ảnh các trang: $out/*.png"
else
  echo "[render] pdftoppm/pdftotext không có: apt-get install -y poppler-utils để xem ảnh các trang."
fi
exit "$status"
