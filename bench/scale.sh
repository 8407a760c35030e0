#!/usr/bin/env bash
# scale.sh: acrlint alone on generated corpora of 20,000 and 80,000
# resources (Terraform and ARM), the sizes alternating from run to run:
# median wall time, CPU time and peak memory,
# and whether 4x the input costs at most 4.4x the time.
#
#   bench/scale.sh
#   SIZES="5000 20000" RUNS=3 FORMATS=terraform bench/scale.sh
#
# Environment: SIZES ("20000 80000"; the growth check compares the first
# and last), RUNS (5), FORMATS (terraform,arm), SEED (1), WORK (a temporary
# directory, removed unless KEEP=1), TIMEOUT (seconds per run, 1800).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

read -r -a sizes <<<"${SIZES:-20000 80000}"
RUNS=${RUNS:-5}
FORMATS=${FORMATS:-terraform,arm}
SEED=${SEED:-1}
TIMEOUT=${TIMEOUT:-1800}

if [[ -z ${WORK:-} ]]; then
	WORK=$(mktemp -d)
	[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"

need_time
acrlint=$WORK/acrlint
log "building acrlint"
build_acrlint "$acrlint"
machine

declare -A wall cpu rss
for n in "${sizes[@]}"; do
	corpus=$WORK/corpus-$n
	if [[ ! -d $corpus ]]; then
		log "generating a corpus of $n resources ($FORMATS)"
		generate "$corpus" "$n" "$FORMATS" "$SEED" >"$corpus.txt"
	fi
	head -n 1 "$corpus.txt"
	timeout "$TIMEOUT" "$acrlint" scan "$corpus" --format json >"$corpus.json" || (($? == 1)) || die "acrlint failed or timed out on $n resources"
	check_findings "$corpus.json" "$corpus.txt"
	rm -f "$corpus.times"
done
# The sizes alternate from run to run, so that a machine that gets busier
# or quieter while they run weighs on every size alike.
for ((i = 1; i <= RUNS; i++)); do
	for n in "${sizes[@]}"; do
		corpus=$WORK/corpus-$n
		measure "$corpus.times" timeout "$TIMEOUT" "$acrlint" scan "$corpus" --format json ||
			die "run $i on $n resources failed or took more than ${TIMEOUT}s"
		log "$n resources, run $i/$RUNS: $(tail -n1 "$corpus.times" | cut -d' ' -f1)s"
	done
done
for n in "${sizes[@]}"; do
	corpus=$WORK/corpus-$n
	wall[$n]=$(median "$corpus.times" 1)
	cpu[$n]=$(cpu_median "$corpus.times")
	rss[$n]=$(median "$corpus.times" 4)
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

printf '\nacrlint, median of %d runs (%s)\n' "$RUNS" "$FORMATS"
printf '%10s %10s %10s %14s %14s\n' resources "wall (s)" "cpu (s)" "peak RSS (MiB)" "µs/resource"
for n in "${sizes[@]}"; do
	printf '%10s %10s %10s %14s %14s\n' "$n" "${wall[$n]}" "${cpu[$n]}" "$(mib "${rss[$n]}")" \
		"$(awk -v w="${wall[$n]}" -v n="$n" 'BEGIN {printf "%.1f", w*1e6/n}')"
done
first=${sizes[0]}
last=${sizes[-1]}
if ((${#sizes[@]} > 1)); then
	growth=$(ratio "$last" "$first")
	tgrowth=$(ratio "${wall[$last]}" "${wall[$first]}")
	limit=$(awk -v g="$growth" 'BEGIN {printf "%.2f", g*1.1}')
	printf '%sx the input took %sx the wall time (%sx CPU, %sx memory); the target allows %sx: %s\n' \
		"$growth" "$tgrowth" "$(ratio "${cpu[$last]}" "${cpu[$first]}")" "$(ratio "${rss[$last]}" "${rss[$first]}")" "$limit" \
		"$(awk -v t="$tgrowth" -v l="$limit" 'BEGIN {print (t <= l ? "met" : "NOT met")}')"
fi
for n in "${sizes[@]}"; do
	if ((n == 20000)); then
		printf '20,000 resources under 2 s and 500 MiB: %s\n' \
			"$(awk -v w="${wall[$n]}" -v m="${rss[$n]}" 'BEGIN {print (w < 2 && m/1024 < 500 ? "met" : "NOT met")}')"
	fi
done
