#!/usr/bin/env bash
# Builds the benchmarks jar with the repository's Maven wrapper and runs the JMH suite.
#
#   benchmarks/run.sh                       # everything, defaults from the annotations
#   benchmarks/run.sh -prof gc              # extra arguments go to JMH unchanged
#   benchmarks/run.sh 'Verify.*'            # a subset, by regular expression
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh
#   RUNS=3 benchmarks/run.sh                # repeat the whole run; ratios become medians
#   NO_BUILD=1 benchmarks/run.sh            # reuse benchmarks/target/natsjwt-benchmarks.jar
#
# It waits while another JMH run holds the machine's JMH lock, and holds it across its own runs.
#
# JSON results go to benchmarks/target/jmh-<java version>-<UTC time>.json (one file per run), then
# a table of ratios to the BouncyCastle baselines is printed (needs python3).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs="${RUNS:-1}"

build_jar
hold_jmh_lock "$@"

java_version="$(java_property java.runtime.version)"
echo "java: $("$java_cmd" -version 2>&1 | head -n 1) ($java_cmd)"
echo "cpu:  $(nproc) x $(cpu_model)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"

results=()
for ((i = 1; i <= runs; i++)); do
  out="$bench_dir/target/jmh-${java_version:-unknown}-$(date -u +%Y%m%dT%H%M%SZ).json"
  echo "run $i of $runs: $out"
  jmh -rf json -rff "$out" "$@"
  # Listing or help options (-l, -h) run nothing and write no file.
  if [[ -s "$out" ]]; then
    results+=("$out")
  fi
done

if ((${#results[@]} > 0)) && command -v python3 > /dev/null; then
  python3 "$bench_dir/ratios.py" "${results[@]}"
fi
