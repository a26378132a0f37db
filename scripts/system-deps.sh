#!/bin/sh
# Debian packages cheatdeck needs beyond Python: pdftotext/pdftoppm/pdffonts for the
# tests, HarfBuzz's subsetter for fast, reproducible PDF fonts, and the DejaVu fonts
# the sheet is set in. Installs what is missing when run as root with apt-get;
# otherwise says what to install.
set -eu
PACKAGES="poppler-utils libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra libpango-1.0-0 libpangoft2-1.0-0"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$missing"
  if ! { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null; }; then
    echo "could not install:$missing; the PDF read-back tests will be skipped" >&2
  fi
else
  echo "cheatdeck needs these Debian packages:$missing" >&2
  echo "install them with: sudo apt-get install$missing" >&2
fi
