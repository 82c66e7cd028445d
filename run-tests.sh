#!/usr/bin/env bash
# Runs every test of Vigil. Installs first what the tests need when it is missing:
# Debian's ffmpeg/ffprobe (a real RTSP publisher and prober), chromium and
# chromium-driver (Selenium drives the web viewer), GStreamer's RTSP server
# (a camera nobody here wrote), fonts-nanum (the Hangul font PDF notices embed) and
# poppler-utils (pdftotext reads the notices back).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
cd "$root"

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v gst-launch-1.0 >/dev/null 2>&1 || missing+=(gstreamer1.0-tools)
dpkg -s gstreamer1.0-rtsp >/dev/null 2>&1 || missing+=(gstreamer1.0-rtsp)
dpkg -s gir1.2-gst-rtsp-server-1.0 >/dev/null 2>&1 || missing+=(gir1.2-gst-rtsp-server-1.0 python3-gi)
dpkg -s gstreamer1.0-plugins-ugly >/dev/null 2>&1 || missing+=(gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad gstreamer1.0-plugins-good gstreamer1.0-libav)
[ -r /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || missing+=(fonts-nanum)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "run-tests: installing what the tests need: $pkgs"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $pkgs python3-gi >/dev/null
fi

# Two module builds at a time: after storage, ingest's tests (RTSP peers, ffmpeg) run beside the
# gateway's (chromium) instead of after them; one after the other the suite took 16 min on this
# 2-core machine, over its 15-minute budget. Every test uses ephemeral ports and its own temp dir.
exec mvn -B -T 2 verify "$@"
