#!/bin/sh
# man.sh - write fragsim(1) from the program's own help: 'fragsim --help'
# for the description and 'fragsim help SUB' for a section per subcommand,
# so that the manual page says what --help says and cannot drift from it.
# Usage: man.sh FRAGSIM > fragsim.1
set -eu
fragsim=$1

# roff: escape backslashes, and lines starting with . or ' are text
roff() {
	sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

version=$("$fragsim" --version | head -n 1)
subs=$("$fragsim" --help | awk '/^  [a-z]+ +[a-z]/ { print $1 }')
[ -n "$subs" ] || { echo "man.sh: $fragsim --help lists no subcommand" >&2; exit 1; }

cat <<EOF
.TH FRAGSIM 1 "" "$version" "User Commands"
.SH NAME
fragsim \\- simulate how Linux 6.1 fragments physical memory and how it fights it
.SH SYNOPSIS
.B fragsim
[\\fB\\-\\-version\\fR] [\\fB\\-\\-help\\fR]
.I SUBCOMMAND
[\\fIARGS\\fR]
.SH DESCRIPTION
.nf
EOF
"$fragsim" --help | roff
echo ".fi"
echo ".SH SUBCOMMANDS"
for sub in $subs; do
	echo ".SS fragsim $sub"
	echo ".nf"
	"$fragsim" help "$sub" | roff
	echo ".fi"
done
cat <<'EOF'
.SH FILES
Machine models, workloads and the gnuplot scripts are installed under the
package's data directory (models/, workloads/, analysis/).
.SH SEE ALSO
The reference manuals in the source tree: doc/workloads.md (the workload
language), doc/models.md (machine models), doc/schema.md (the result
store), doc/replay.md, doc/snapshot.md.
EOF
