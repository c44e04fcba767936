#!/bin/bash
# almen-gui (or, with "kiosk", its kiosk) on a virtual screen with the AT-SPI bus, read as a screen reader reads it:
# the tree, then what it announces. Needs (Debian): xvfb at-spi2-core python3-pyatspi openbox dbus.
# Usage: docs/atspi/run.sh [kiosk]   (from the project folder, after make .venv/.installed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=("$here/../../.venv/bin/almen-gui")
[ "${1:-}" = kiosk ] && app+=(--kiosk)
home=$(mktemp -d)
display=:93
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb; rm -rf "$home"' EXIT
export DISPLAY=$display ALMEN_GUI_HOME=$home/data ALMEN_GUI_CONFIG=$home/config
mkdir -p "$ALMEN_GUI_CONFIG"
printf '[kiosk]\nsekunder_pr_side = 3\n' > "$ALMEN_GUI_CONFIG/kiosk.ini"
sleep 2
dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 & bus=$!
  sleep 2
  openbox >/dev/null 2>&1 & wm=$!
  QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb "$@" >/dev/null 2>&1 & app=$!
  sleep 12
  echo "=== tree"; /usr/bin/python3 '"$here"'/read.py tree
  echo "=== announced"; /usr/bin/python3 '"$here"'/read.py listen
  kill $app; sleep 1; kill $wm $bus
' _ "${app[@]}"
