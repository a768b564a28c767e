#!/usr/bin/env bash
# Installs what building and testing need, only when missing (Debian, as root).
# Usage: tools/ensure-deps.sh [build|test|bench]
set -euo pipefail
want=${1:-build}
pkgs=()
pkg-config --exists libical 2>/dev/null || pkgs+=(libical-dev)
# The planner links libcurl for `planner digest --send` (SMTP; the OpenSSL build checks certificates).
pkg-config --exists libcurl 2>/dev/null || pkgs+=(libcurl4-openssl-dev)
command -v pkg-config >/dev/null 2>&1 || pkgs+=(pkg-config)
[ -f /usr/share/zoneinfo/Europe/London ] || pkgs+=(tzdata)
if [ "$want" = bench ]; then
  [ -x /usr/bin/time ] || pkgs+=(time)
fi
if [ "$want" = test ]; then
  # plan.md is checked with a CommonMark + GitHub tables renderer (ExportTests).
  command -v cmark-gfm >/dev/null 2>&1 || pkgs+=(cmark-gfm)
  command -v python3 >/dev/null 2>&1 || pkgs+=(python3 python3-pip)
  # The digest tests make a self-signed certificate for their SMTP server with the openssl CLI.
  command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: missing system packages: ${pkgs[*]}" >&2
    echo "hint: run 'apt-get install -y ${pkgs[*]}' as root, then try again" >&2
    exit 1
  fi
  echo "installing: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
if [ "$want" = test ] || [ "$want" = bench ]; then
  # The differential tests compare with python icalendar + recurring-ical-events.
  if ! python3 -c 'import icalendar, recurring_ical_events' 2>/dev/null; then
    echo "installing: python icalendar recurring-ical-events"
    python3 -m pip install -q --disable-pip-version-check icalendar recurring-ical-events
  fi
fi
if [ "$want" = test ]; then
  # The export tests parse every .ics with python ical (strict) and PUT them into Radicale, a
  # CalDAV server the test starts on 127.0.0.1 (../shared/reference/feasibility.md §1).
  if ! python3 -c 'import ical, radicale' 2>/dev/null; then
    echo "installing: python ical radicale"
    python3 -m pip install -q --disable-pip-version-check ical radicale
  fi
  # The digest tests send through a real SMTP server on 127.0.0.1 (aiosmtpd; feasibility.md §2).
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    echo "installing: python aiosmtpd"
    python3 -m pip install -q --disable-pip-version-check aiosmtpd
  fi
  # The planner is measured against an exact optimum: HiGHS solves the MIP it emits (issue 11).
  if ! python3 -c 'import highspy' 2>/dev/null; then
    echo "installing: python highspy"
    python3 -m pip install -q --disable-pip-version-check highspy
  fi
fi
