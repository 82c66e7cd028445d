#!/usr/bin/env bash
# Fetches one file out of a pinned npm package with the npm client (`npm pack`), checks
# its SHA-256 against the pinned value, and copies it to the given place. The build runs
# this (exec-maven-plugin, generate-resources / generate-test-resources): nothing is
# downloaded at run time, and a file whose hash differs fails the build.
#   fetch-npm-file.sh <package@version> (<path inside the tarball> <sha256> <output file>)...
set -euo pipefail
if [ $# -lt 4 ] || [ $(( ($# - 1) % 3 )) -ne 0 ]; then
  echo "usage: fetch-npm-file.sh <package@version> (<path in tarball> <sha256> <output>)..." >&2
  exit 2
fi
spec="$1"; shift

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Everything already there with the right hash (an earlier or offline rebuild): done.
all_present=1
args=("$@")
for ((i = 0; i < ${#args[@]}; i += 3)); do
  out="${args[i+2]}"
  if [ ! -f "$out" ] || [ "$(sha_of "$out")" != "${args[i+1]}" ]; then all_present=0; fi
done
[ "$all_present" = 1 ] && exit 0

if ! command -v npm >/dev/null 2>&1; then
  echo "BUILD FAILED: fetching files of npm package $spec needs the npm client (apt-get install npm)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! tarball="$(cd "$work" && npm pack --silent "$spec" 2>"$work/npm.log" | tail -n 1)" || [ ! -f "$work/$tarball" ]; then
  echo "BUILD FAILED: 'npm pack $spec' did not deliver the package:" >&2
  cat "$work/npm.log" >&2
  exit 1
fi
for ((i = 0; i < ${#args[@]}; i += 3)); do
  inner="${args[i]}"; want="${args[i+1]}"; out="${args[i+2]}"
  if ! tar -xzf "$work/$tarball" -C "$work" "$inner" 2>"$work/tar.log"; then
    echo "BUILD FAILED: npm package $spec has no file $inner:" >&2
    cat "$work/tar.log" >&2
    exit 1
  fi
  got="$(sha_of "$work/$inner")"
  if [ "$got" != "$want" ]; then
    echo "BUILD FAILED: $inner from npm package $spec has SHA-256 $got, but the build pins $want." >&2
    echo "The file differs from the one that was reviewed; it is not bundled. If the change is intended, review it and update the pinned hash in redaction/pom.xml." >&2
    exit 1
  fi
  mkdir -p "$(dirname "$out")"
  cp "$work/$inner" "$out.tmp.$$"
  mv "$out.tmp.$$" "$out"
done
