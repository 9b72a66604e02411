#!/usr/bin/env bash
set -euo pipefail
ROOT=$(pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}

# Debian packages: Qt runtime for offscreen/X11, a CJK font, the PC/SC daemon with a virtual reader.
APP_PKGS=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libdbus-1-3
  libpulse0 fonts-wqy-microhei libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 pcscd libpcsclite-dev)
TEST_PKGS=(vsmartcard-vpcd pcsc-tools iproute2 socat gcc python3-dev xvfb xauth openbox xdotool
  binutils nsis wine64 osslsigncode systemd cron)  # PyInstaller reads binaries with objdump;
# the Windows installer is compiled with makensis, signed with osslsigncode and installed under
# Wine; the daily job's timer is checked with systemd-analyze and its crontab line with crontab.

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "missing Debian packages (run as root): ${missing[*]}" >&2; exit 2; }
    sudo=sudo
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  local stamp="$VENV/.posguide-installed"
  local want
  # The editable install also compiles the translations (setup.py): redo it when they change.
  want=$(cat pyproject.toml setup.py resources/i18n/*.ts | sha256sum | cut -d' ' -f1)
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing posguide and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[dev,heic]"
    echo "$want" > "$stamp"
  fi
}


# The whole suite as two pytest runs side by side (CI has two cores). One run has every test
# that uses something of the whole machine, one after another -- by its marker (pyproject.toml):
# pcscd and its virtual reader (pcsc; window tests use that reader too, through training: gui),
# network namespaces (netns), the X server (xserver), the system's packages (system: the frozen
# build's .deb); the other run has the rest. Each has its
# own temporary folder; the second's output follows.
MACHINE_WIDE="pcsc or netns or gui or xserver or system"

run_suite_in_two_halves() {
  local rest_log rest_pid machine_rc rest_rc
  rest_log=$(mktemp)
  say "pytest, in two halves side by side: the machine-wide tests here, the rest after them"
  # Job control on for this launch: a script's plain background job ignores Ctrl-C (SIGINT),
  # and so would every program the tests start there (the simulators' Ctrl-C test).
  set -m
  "$VENV/bin/python" -m pytest -p no:cacheprovider --basetemp=/tmp/posguide-tests-rest \
    -m "not ($MACHINE_WIDE)" >"$rest_log" 2>&1 &
  rest_pid=$!
  set +m
  machine_rc=0
  "$VENV/bin/python" -m pytest -p no:cacheprovider --basetemp=/tmp/posguide-tests-machine \
    -m "$MACHINE_WIDE" || machine_rc=$?
  rest_rc=0
  wait "$rest_pid" || rest_rc=$?
  say "pytest: the rest"
  cat "$rest_log"
  rm -f "$rest_log"
  [ "$machine_rc" -eq 0 ] && [ "$rest_rc" -eq 0 ]
}

start_pcscd() {
  # No systemd on CI: run the daemon ourselves. Never --auto-exit (it quits when idle).
  if [ -S /run/pcscd/pcscd.comm ] && pgrep -x pcscd >/dev/null; then return 0; fi
  say "starting pcscd"
  mkdir -p /run/pcscd
  (pcscd --foreground --info >/tmp/posguide-pcscd.log 2>&1 &)
  for _ in $(seq 50); do [ -S /run/pcscd/pcscd.comm ] && return 0; sleep 0.1; done
  echo "pcscd did not start; see /tmp/posguide-pcscd.log" >&2
  exit 1
}

cmd=${1:-app}
shift || true
case "$cmd" in
  app)
    install_debs "${APP_PKGS[@]}"
    ensure_venv
    if [ $# -eq 0 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "posguide is installed, but this machine has no display to show its window." >&2
      echo "Run it on a desktop, or: xvfb-run ./dev app; the command line works here: ./dev app --help" >&2
      exit 2
    fi
    exec "$VENV/bin/posguide" "$@"
    ;;
  test)
    install_debs "${APP_PKGS[@]}" "${TEST_PKGS[@]}"
    ensure_venv
    if [ "$(id -u)" -eq 0 ]; then start_pcscd; fi
    export QT_QPA_PLATFORM=offscreen
    say "ruff"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "mypy (strict on the core), for Linux and for Windows"
    "$VENV/bin/mypy"
    # Windows code paths (ctypes route/ICMP, the Smart Card service) type-checked as Windows
    # sees them; code after a platform guard is unreachable there, so that is not reported.
    "$VENV/bin/mypy" --platform win32 --no-warn-unreachable
    say "import contract: the core never imports Qt"
    "$VENV/bin/lint-imports"
    if [ $# -gt 0 ]; then
      say "pytest"
      exec "$VENV/bin/python" -m pytest "$@"
    fi
    run_suite_in_two_halves
    ;;
  *)
    echo "usage: ./dev app|test [args]" >&2
    exit 2
    ;;
esac
