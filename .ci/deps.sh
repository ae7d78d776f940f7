#!/bin/sh
# The one list of what herald needs on a fresh Debian 12 machine.
# Installs only what is missing; needs root (or sudo) when something is.
set -eu

packages="build-essential autoconf automake libtool libltdl-dev pkg-config
  libxml2-dev libxml2-utils libcmark-dev libcmocka-dev libjansson-dev
  libunistring-dev libuchardet-dev libyaml-dev libcld2-dev libtomlplusplus-dev
  jq mandoc ca-certificates parallel valgrind strace"
# Fuzzing (tests/fuzz/README.md) needs clang and its libFuzzer runtime;
# only when asked for, so that ordinary CI does not pay for it.
if [ "${HERALD_FUZZ:-0}" = 1 ]; then
  packages="$packages clang libclang-rt-14-dev"
fi
# The HTML reader's benchmark (bench/html-bench.sh, `make bench`) runs
# Readability.js under node; only when asked for, never for make check.
if [ "${HERALD_BENCH:-0}" = 1 ]; then
  packages="$packages nodejs npm"
fi

# The packages of the list given that are not installed, each after a
# space.
not_installed() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
      printf ' %s' "$p"
  done
}
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# optional PACKAGE...: install those missing, saying so when that fails
# (their tests then skip; a failed download does not stop the build).
optional() {
  # shellcheck disable=SC2046
  set -- $(not_installed "$@")
  [ $# -gt 0 ] || return 0
  echo "deps: installing (optional) $*" >&2
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 ||
    echo "deps: not all of $* installed; what needs them skips" >&2
}

# shellcheck disable=SC2086
missing=$(not_installed $packages)
if [ -n "$missing" ]; then
  echo "deps: installing$missing" >&2
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Optional: cmark, the peer `make bench` (bench/pipeline-bench.sh)
# compares herald with; without it the benchmark prints no ratios.
optional cmark

# Optional: the W3C Nu HTML checker (npm package vnu-jar), which
# tests/markup/vnu-check.sh runs when Java is there too.  Its absence
# only skips that test, so a failed download does not stop the build.
vnu_dir="${HOME:-/root}/.cache/herald-vnu"
if command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
   [ ! -f "$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  echo "deps: installing vnu-jar into $vnu_dir" >&2
  npm install --silent --no-audit --no-fund --prefix "$vnu_dir" vnu-jar \
    >/dev/null 2>&1 || echo "deps: vnu-jar not installed; its test will skip" >&2
fi
# Optional: Hugo, mkdocs and Jekyll (with jekyll-relative-links, as on
# GitHub Pages), which tests/markdown/{hugo,mkdocs,jekyll}.sh build a
# converted archive with, and the Markdown engines of Jekyll (kramdown)
# and mkdocs (Python-Markdown), which tests/markdown/anchors.sh renders
# anchors with.
optional hugo ruby-kramdown python3-markdown mkdocs jekyll \
  ruby-jekyll-relative-links
# Optional: Chromium, which tests/site/browser.sh drives headless (its
# DevTools protocol over --remote-debugging-pipe, from a small Python
# driver: no npm package) to load a converted site, follow a link, search
# and take screenshots.
optional chromium

# Optional: the engines tests/scale-out/ starts on this machine for real,
# Slurm (slurm-wlm, and munge for its authentication) and GNU parallel
# over ssh (openssh-server for sshd, rsync for --transferfile/--return).
# The tests run these daemons themselves, with their own configuration,
# ports and keys; the packages' system services must not start (an open
# sshd, a slurmd without a cluster): where no policy-rc.d(8) decides that
# already (Docker images have one), one denying every start is in place
# while apt runs, and removed after.
daemon_packages="slurm-wlm munge openssh-server rsync"
# shellcheck disable=SC2086
if [ -n "$(not_installed $daemon_packages)" ]; then
  policy=/usr/sbin/policy-rc.d
  if [ -e "$policy" ]; then
    optional $daemon_packages
  else
    printf '#!/bin/sh\n# herald .ci/deps.sh: no service starts while it installs\nexit 101\n' |
      $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy"
    optional $daemon_packages
    $sudo rm -f "$policy"
  fi
fi

# Optional, with HERALD_BENCH=1: Readability.js and jsdom for the
# benchmark, into the cache folder it looks in; it installs them itself
# when they are missing, and skips without node or npm.
bench_dir="${HOME:-/root}/.cache/herald-bench"
if [ "${HERALD_BENCH:-0}" = 1 ] && command -v npm >/dev/null 2>&1 &&
   [ ! -d "$bench_dir/node_modules/@mozilla/readability" ]; then
  echo "deps: installing Readability.js and jsdom into $bench_dir" >&2
  npm install --silent --no-audit --no-fund --prefix "$bench_dir" \
    @mozilla/readability jsdom >/dev/null 2>&1 ||
    echo "deps: Readability.js not installed; the benchmark skips it" >&2
fi
exit 0
