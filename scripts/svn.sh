#!/usr/bin/env bash
# Subversion for the Get-MediaFile -ChangedSince tests (svnadmin create, svn checkout file://).
#   scripts/svn.sh install   installs Debian's subversion when svn or svnadmin is missing (needs root),
#                            then prints "svn=VERSION"; it fails, saying why, when it cannot
set -euo pipefail

install() {
  if ! command -v svn >/dev/null || ! command -v svnadmin >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "svn or svnadmin is missing, and installing subversion needs root: apt-get install -y subversion" >&2
      exit 1
    fi
    echo "installing subversion from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends subversion >/dev/null
  fi
  echo "svn=$(svn --version --quiet)"
}

case "${1:-}" in
  install) install ;;
  *) echo "usage: scripts/svn.sh install" >&2; exit 2 ;;
esac
