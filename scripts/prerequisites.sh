#!/usr/bin/env bash
# The README's prerequisites, read from its table under "On a fresh machine": the only programs the two commands need
# that they do not install themselves. .ci/run runs it, so a prerequisite the README leaves out fails CI.
#   scripts/prerequisites.sh install   installs each missing program with its row's apt-get command (root); a missing
#                                      program whose row has none (the .NET SDK) fails, with the row's words
#   scripts/prerequisites.sh check     says what install would do, and changes nothing
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
case "$mode" in install|check) ;; *) echo "usage: scripts/prerequisites.sh install|check" >&2; exit 2 ;; esac

rows=$(sed -n '/^## On a fresh machine/,/^## [^O]/p' README.md | grep '^| `' || true)
[ -n "$rows" ] || { echo "README.md has no prerequisites table under 'On a fresh machine'" >&2; exit 1; }
updated=
while IFS='|' read -r _ programs _ install _; do
  missing=()
  for program in $(grep -o '`[^`]*`' <<<"$programs" | tr -d '`'); do
    command -v "$program" >/dev/null || missing+=("$program")
  done
  [ ${#missing[@]} -eq 0 ] && { echo "have: $(grep -o '`[^`]*`' <<<"$programs" | tr -d '`' | tr '\n' ' ')"; continue; }
  command=$(grep -o '`apt-get install [^`]*`' <<<"$install" | tr -d '`' || true)
  if [ -z "$command" ]; then
    echo "missing: ${missing[*]}, which the README says to install as: $(sed 's/^ *//; s/ *$//' <<<"$install")" >&2
    exit 1
  fi
  if [ "$mode" = check ]; then echo "would install ${missing[*]}: $command"; continue; fi
  echo "installing ${missing[*]}: $command"
  [ -n "$updated" ] || { apt-get update -qq; updated=1; }
  DEBIAN_FRONTEND=noninteractive ${command/apt-get install/apt-get install -qq --no-install-recommends}
done <<<"$rows"
