#!/bin/sh
# default-experiment.sh - the experiment the README's first command runs.
#
# Until the simulation engine exists (issue: experiments), this boots the
# shipped 4 GiB model with and without ZONE_MOVABLE and prints the zone
# layout Linux 6.1 would compute for it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}

for cmdline in "console=ttyS0" "movablecore=25%"; do
	echo "== fragsim layout models/x86_64-4g.ini --cmdline '$cmdline'"
	"$fragsim" layout "$top/models/x86_64-4g.ini" --cmdline "$cmdline"
	echo
done
