#!/usr/bin/env bash
# The README's test command: install the tests' real peers that are missing, then run every test.
# Arguments go to `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~WalkingSkeleton
set -euo pipefail
cd "$(dirname "$0")"

missing=()
has() { command -v "$1" >/dev/null 2>&1; }
# PostgreSQL's server binaries: on PATH, or in Debian's versioned folder.
if ! has initdb && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
has setpriv || missing+=(util-linux)                      # runs postgres as the postgres user when root
has kubectl || missing+=(kubectl)                         # renders the Kubernetes manifests
has prometheus && has promtool || missing+=(prometheus)   # remote-write and rule-file tests
has prometheus-alertmanager || missing+=(prometheus-alertmanager)
has prometheus-node-exporter || missing+=(prometheus-node-exporter)
has victoria-metrics || missing+=(victoria-metrics)       # LoadGen's remote-write smoke run beside Prometheus
has chromium || missing+=(chromium)                       # the dashboards' browser tests
# The e-mail notifier's SMTP peer, for Debian's /usr/bin/python3 (a python3 elsewhere on PATH would not see it).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing the tests' peers: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" || {
    echo "Some peers could not be installed (${missing[*]}); the tests that need them will fail and say so." >&2
  }
fi

exec dotnet test PerfMonitor.sln --blame-hang-timeout 5m "$@"
