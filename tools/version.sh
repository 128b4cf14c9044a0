#!/bin/sh
# version.sh - the version a build of fragsim reports (--version) and
# records in every run's provenance: the release of configure.ac and, in a
# git checkout, the commit built (+gSHA, and -dirty when tracked files
# differ from it), so that a result database names the exact code that
# made it.  A distribution tarball carries the version it was made from
# in .dist-version.  Usage: version.sh SRCDIR RELEASE
set -eu
srcdir=$1 release=$2
if [ -f "$srcdir/.dist-version" ]; then
	cat "$srcdir/.dist-version"
	exit 0
fi
# only a checkout whose top is srcdir: a tarball unpacked inside some
# other checkout is not that checkout's code
top=$(git -C "$srcdir" rev-parse --show-toplevel 2>/dev/null) || top=
if [ -n "$top" ] &&
   [ "$(cd "$top" && pwd -P)" = "$(cd "$srcdir" && pwd -P)" ] &&
   sha=$(git -C "$srcdir" rev-parse --short=12 HEAD 2>/dev/null); then
	dirty=
	git -C "$srcdir" diff --quiet HEAD -- 2>/dev/null || dirty=-dirty
	echo "$release+g$sha$dirty"
	exit 0
fi
echo "$release"
