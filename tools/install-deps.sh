#!/bin/sh
# install-deps.sh - install, with apt-get, the Debian packages that fragsim
# needs to build, test and plot; packages already installed are skipped, and
# nothing is fetched when all are present.
set -eu

PACKAGES="build-essential autoconf automake pkg-config
	libgsl-dev libsqlite3-dev sqlite3 libinih-dev check liblzma-dev
	gnuplot-nox xz-utils
	parallel slurmctld slurmd slurm-client munge"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: every package is present"
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "install-deps: need root (or sudo) to install:$missing" >&2
		exit 1
	}
	sudo=sudo
fi
echo "install-deps: installing$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
