#!/bin/sh
# Times `ablate fit` on the public Chinchilla reconstruction (240 points, full 4,500-start grid,
# 4,000-resample bootstrap) RUNS times and prints the median wall and CPU time of each phase.
# Usage: benchmarks/scaling_fit.sh [ABLATE_BINARY] [RUNS] [THREADS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-"$here/../.build/release/ablate"}
runs=${2:-5}
threads=${3:-$(nproc)}
csv="$here/../../shared/data/scaling/chinchilla_svg_extracted_data.csv"
[ -f "$csv" ] || { echo "missing $csv" >&2; exit 1; }
log=$(mktemp)
i=0
while [ "$i" -lt "$runs" ]; do
  "$bin" fit --csv "$csv" --x "Model Size" --flops "Training FLOP" --y loss --drop-highest-y 5 \
    --bootstrap 4000 --threads "$threads" --timings --json 2>>"$log" >/dev/null
  i=$((i + 1))
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for phase in "fit" "bootstrap"; do
  lines=$(grep "timing: $phase" "$log")
  wall=$(echo "$lines" | sed 's/.*: \([0-9.]*\) s wall.*/\1/' | median)
  cpu=$(echo "$lines" | sed 's/.* \([0-9.]*\) s CPU.*/\1/' | median)
  echo "$phase: median wall $wall s, median CPU $cpu s over $runs runs, $threads threads"
done
rm -f "$log"
