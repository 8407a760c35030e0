#!/usr/bin/env bash
# compare.sh: acrlint and tfsec side by side on the same generated Terraform
# corpus, median wall time, CPU time and peak memory over several runs.
#
#   bench/compare.sh                      # 20,000 resources, 5 runs each
#   RESOURCES=5000 RUNS=3 bench/compare.sh
#
# Environment: RESOURCES (20000), RUNS (5), SEED (1), TFSEC_VERSION
# (v1.28.14), WORK (a temporary directory, removed unless KEEP=1), BENCH_BIN
# (where tfsec is installed, ~/.cache/acrlint-bench/bin).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RESOURCES=${RESOURCES:-20000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
TFSEC_VERSION=${TFSEC_VERSION:-v1.28.14}
BENCH_BIN=${BENCH_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/acrlint-bench/bin}

if [[ -z ${WORK:-} ]]; then
	WORK=$(mktemp -d)
	[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK" "$BENCH_BIN"

need_time

# install_tfsec installs tfsec at the pinned version with go install; when
# that fails on this Go, it tries again with module mode forced and the
# local toolchain, then gives up.
install_tfsec() {
	local dst=$BENCH_BIN/tfsec-$TFSEC_VERSION
	if [[ -x $dst ]]; then
		printf '%s\n' "$dst"
		return
	fi
	local gobin
	gobin=$(mktemp -d)
	log "installing tfsec $TFSEC_VERSION with go install (takes a few minutes)"
	if ! GOBIN=$gobin go install "github.com/aquasecurity/tfsec/cmd/tfsec@$TFSEC_VERSION" >&2; then
		log "go install failed; retrying with GOFLAGS=-mod=mod GOTOOLCHAIN=local"
		GOBIN=$gobin GOFLAGS=-mod=mod GOTOOLCHAIN=local \
			go install "github.com/aquasecurity/tfsec/cmd/tfsec@$TFSEC_VERSION" >&2 ||
			die "cannot install tfsec $TFSEC_VERSION with $(go env GOVERSION); set TFSEC_VERSION to another v1.28 patch (go list -m -versions github.com/aquasecurity/tfsec)"
	fi
	mv "$gobin/tfsec" "$dst"
	rm -rf "$gobin"
	printf '%s\n' "$dst"
}

tfsec=$(install_tfsec)
acrlint=$WORK/acrlint
log "building acrlint"
build_acrlint "$acrlint"
corpus=$WORK/corpus
if [[ ! -d $corpus ]]; then
	log "generating a Terraform corpus of $RESOURCES resources"
	generate "$corpus" "$RESOURCES" terraform "$SEED" >"$WORK/corpus.txt"
fi
cat "$WORK/corpus.txt" 2>/dev/null || true

acrlint_cmd=("$acrlint" scan "$corpus" --format json)
tfsec_cmd=("$tfsec" "$corpus" --no-color --format json)

# One untimed run of each: warms the file cache and shows what each found.
"${acrlint_cmd[@]}" >"$WORK/acrlint.json" || (($? == 1)) || die "acrlint failed"
"${tfsec_cmd[@]}" >"$WORK/tfsec.json" 2>/dev/null || (($? == 1)) || die "tfsec failed"
check_findings "$WORK/acrlint.json" "$WORK/corpus.txt"
log "tfsec: $(grep -c '"rule_id"' "$WORK/tfsec.json" || true) results"

rm -f "$WORK/acrlint.times" "$WORK/tfsec.times"
machine
for ((i = 1; i <= RUNS; i++)); do
	# Alternate the tools so that a change in machine load hits both.
	measure "$WORK/acrlint.times" "${acrlint_cmd[@]}"
	measure "$WORK/tfsec.times" "${tfsec_cmd[@]}"
	log "run $i/$RUNS: acrlint $(tail -n1 "$WORK/acrlint.times" | cut -d' ' -f1)s, tfsec $(tail -n1 "$WORK/tfsec.times" | cut -d' ' -f1)s"
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

aw=$(median "$WORK/acrlint.times" 1)
tw=$(median "$WORK/tfsec.times" 1)
ac=$(cpu_median "$WORK/acrlint.times")
tc=$(cpu_median "$WORK/tfsec.times")
am=$(median "$WORK/acrlint.times" 4)
tm=$(median "$WORK/tfsec.times" 4)
printf '\n%d Terraform resources, median of %d runs\n' "$RESOURCES" "$RUNS"
printf '%-22s %10s %10s %14s\n' tool "wall (s)" "cpu (s)" "peak RSS (MiB)"
printf '%-22s %10s %10s %14s\n' "acrlint" "$aw" "$ac" "$(mib "$am")"
printf '%-22s %10s %10s %14s\n' "tfsec $TFSEC_VERSION" "$tw" "$tc" "$(mib "$tm")"
printf '%-22s %10s %10s %14s\n' "acrlint / tfsec" "$(ratio "$aw" "$tw")" "$(ratio "$ac" "$tc")" "$(ratio "$am" "$tm")"
if awk -v a="$aw" -v t="$tw" 'BEGIN {exit !(a <= t / 2)}'; then
	printf 'target (acrlint at most half of tfsec wall time): met\n'
else
	printf 'target (acrlint at most half of tfsec wall time): NOT met\n'
fi
