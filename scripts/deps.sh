#!/bin/sh
# Installs the Debian packages gongkai needs, when they are missing.
# Usage: deps.sh build|test.  Uses apt-get as root, sudo when available,
# otherwise prints the exact command and fails.
set -eu

packages="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libgit2-dev"
if [ "${1:-build}" = test ]; then
	packages="$packages git"
fi

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
echo "gongkai: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	apt-get update -qq || true
	DEBIAN_FRONTEND=noninteractive $cmd
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo apt-get update -qq || true
	sudo DEBIAN_FRONTEND=noninteractive $cmd
else
	echo "gongkai: cannot install packages (not root, no sudo). Run:" >&2
	echo "  sudo $cmd" >&2
	exit 2
fi
