#!/bin/sh
# The one list of what herald needs on a fresh Debian 12 machine.
# Installs only what is missing; needs root (or sudo) when something is.
set -eu

packages="build-essential autoconf automake libtool libltdl-dev pkg-config
  libxml2-dev libxml2-utils libcmark-dev libcmocka-dev libjansson-dev
  jq mandoc ca-certificates parallel"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
