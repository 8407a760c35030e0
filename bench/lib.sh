# shellcheck shell=bash
# Helpers shared by compare.sh and scale.sh; sourced, not run.

# repo_root is the acrlint checkout this script belongs to.
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '%s\n' "$*" >&2; }

die() {
	log "error: $*"
	exit 1
}

# need_time makes sure GNU time is at /usr/bin/time (Debian package "time").
need_time() {
	if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e' true >/dev/null 2>&1; then
		return
	fi
	if command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
		log "installing GNU time (apt-get install time)"
		apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
	fi
	[[ -x /usr/bin/time ]] || die "GNU time is needed at /usr/bin/time: apt-get install time"
}

# machine prints what the numbers were measured on.
machine() {
	local cpu
	cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
	printf 'machine: %s CPUs (nproc), %s, %s RAM, Go %s, %s\n' \
		"$(nproc)" "${cpu:-unknown CPU}" "$(free -h | awk '/^Mem:/ {print $2}')" \
		"$(go env GOVERSION)" "$(uname -sr)"
	printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# build_acrlint builds the CLI of this checkout into $1.
build_acrlint() {
	(cd "$repo_root" && go build -trimpath -o "$1" ./cmd/acrlint)
}

# generate writes a corpus: generate DIR RESOURCES FORMATS SEED.
generate() {
	(cd "$repo_root" && go run ./internal/corpus/gen -out "$1" -resources "$2" -formats "$3" -seed "$4")
}

# expected prints the number of findings a corpus must yield, from the
# summary the generator printed ($1).
expected() { awk '/^expected findings:/ {on = 1; next} on && NF == 2 {n += $2} END {print n + 0}' "$1"; }

# check_findings fails unless acrlint's JSON report ($1) has exactly the
# findings the generator injected (summary $2).
check_findings() {
	local got want
	got=$(grep -c '"rule_id"' "$1" || true)
	want=$(expected "$2")
	((got == want)) || die "acrlint reported $got findings on the corpus; the generator injected $want"
	log "acrlint reported the $want findings the generator injected"
}

# measure runs a command once under GNU time and appends
# "wall user sys maxrss_kib exit" to the file $1. Exit status 1 means
# findings for both acrlint and tfsec; anything above is a failure.
measure() {
	local out=$1
	shift
	local t
	t=$(mktemp)
	/usr/bin/time -f '%e %U %S %M %x' -o "$t" "$@" >/dev/null 2>"$t.err" || true
	local line
	line=$(tail -n 1 "$t")
	local code=${line##* }
	if [[ ! $code =~ ^[0-9]+$ ]] || ((code > 1)); then
		log "command failed ($line): $*"
		tail -n 20 "$t.err" >&2 || true
		rm -f "$t" "$t.err"
		return 1
	fi
	printf '%s\n' "$line" >>"$out"
	rm -f "$t" "$t.err"
}

# median prints the median of column $2 of file $1.
median() {
	awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2 }'
}

# cpu_median prints the median of user+sys seconds of file $1.
cpu_median() {
	awk '{printf "%.3f\n", $2+$3}' "$1" | sort -g | awk '{v[NR]=$1} END {
		if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2 }'
}

# mib turns KiB into MiB.
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }

# ratio prints $1/$2 with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "nan"}'; }
