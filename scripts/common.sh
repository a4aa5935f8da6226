#!/usr/bin/env bash
# Shared set-up for ./run, ./test and ./analytics: checks the toolchain, installs the project's
# own prerequisites (npm packages, Debian packages) and builds when sources changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${ANALYTICS_CONFIGURATION:-Release}"
CLI_DLL="$ROOT/cli/Analytics.Cli/bin/$CONFIGURATION/net10.0/analytics.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*" >&2; }
die() { printf '错误 (error): %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found on PATH)."
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' || die "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
  command -v npm >/dev/null 2>&1 || die "Node.js and npm are required to install ECharts (npm not found on PATH)."
}

# npm packages (ECharts), pinned by package-lock.json. libduckdb comes with DuckDB.NET's NuGet package.
ensure_npm_packages() {
  local marker="$ROOT/node_modules/.package-lock.json"
  if [[ ! -f "$marker" || "$ROOT/package-lock.json" -nt "$marker" || ! -d "$ROOT/node_modules/echarts" ]]; then
    say "npm ci (front-end packages)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed: check that the npm registry is reachable."
  fi
}

# Debian packages listed in scripts/apt-packages.txt (one per line, '#' comments).
ensure_apt_packages() {
  local list="$ROOT/scripts/apt-packages.txt" missing=() pkg
  [[ -f "$list" ]] || return 0
  while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="${pkg// /}"
    [[ -z "$pkg" ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done < "$list"
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "apt-get install ${missing[*]}"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
    || die "could not install Debian packages: ${missing[*]} (needs root or sudo and a reachable Debian mirror)."
}

# True when a source file is newer than the built command-line tool.
sources_changed() {
  [[ -f "$CLI_DLL" ]] || return 0
  [[ -n "$(find "$ROOT/cli" "$ROOT/bench" "$ROOT/etl" "$ROOT/warehouse" "$ROOT/metrics" "$ROOT/reports" "$ROOT/dashboard" "$ROOT/shared" \
      \( -path '*/bin' -o -path '*/obj' -o -path '*/node_modules' \) -prune -o -type f -newer "$CLI_DLL" -print -quit 2>/dev/null)" ]] && return 0
  [[ "$ROOT/Directory.Build.props" -nt "$CLI_DLL" || "$ROOT/Directory.Packages.props" -nt "$CLI_DLL" ]]
}

build_solution() {
  say "dotnet build Analytics.sln -c $CONFIGURATION"
  dotnet build "$ROOT/Analytics.sln" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly -v:quiet || die "the build failed (see the errors above)."
}

ensure_built() {
  require_tools
  ensure_npm_packages
  if sources_changed; then
    build_solution
  fi
}
