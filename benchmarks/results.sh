#!/usr/bin/env bash
# Runs the benchmark suite of the performance issue and writes benchmarks/RESULTS.md: per
# operation, every implementation's ops/s, B/op and ratio to the BouncyCastle-based baseline; the
# 2-thread / 1-thread ratios; the decode's allocation beyond the claims object; the issue's targets
# with pass or fail; the machine, load average, JDK and date.
#
#   benchmarks/results.sh                   # build, run once (about 15 minutes on 2 cores), write
#   RUNS=3 benchmarks/results.sh            # three runs; each figure is the median of the runs
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/results.sh   # build and run on that JDK
#   NO_BUILD=1 benchmarks/results.sh        # reuse benchmarks/target/natsjwt-benchmarks.jar
#   OUT=/tmp/trial.md benchmarks/results.sh -wi 1 -i 1   # a quick trial; JMH options go to every run
#
# It waits while another JMH run holds the machine's JMH lock, then holds the lock to the end.
# The JSON and the log of every JMH run stay in benchmarks/target/results-<UTC time>/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/gocompare.sh"
source "$(dirname "${BASH_SOURCE[0]}")/sections.sh"
runs="${RUNS:-1}"
out="${OUT:-$bench_dir/RESULTS.md}"

build_jar
hold_jmh_lock "$@"

# Measured once per run, on one thread.
single=(
  '\.VerifyBenchmark\.'
  '\.SignBenchmark\.'
  '\.PairedBenchmark\.(sign|verify)$'
  '\.JwtBenchmark\.(decodeNatsjwt|decodeJackson|claimsBuild)$'
  '\.JwtPairedBenchmark\.decodeVerify$'
  '\.TrustPairedBenchmark\.cachedVsJacksonBc$'
  '\.HostileInputPairedBenchmark\.verifyUser$'
  '\.CalloutBenchmark\.'
  '\.CalloutPairedBenchmark\.answer$'
)
# Measured on 1 thread and right after on 2, one at a time, so that both see about the same load.
scaling=(
  JwtBenchmark.decodeVerifyNatsjwt
  JwtBenchmark.decodeVerifyCachedNatsjwt
  JwtBenchmark.decodeVerifyJacksonBc
  TrustBenchmark.verifyUser
  TrustBenchmark.verifyUserNoTokenCache
  TrustBenchmark.jacksonBcNonce
)

dir="$bench_dir/target/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dir"
meta="$dir/meta.txt"
{
  echo "start=$(date -u +%s)"
  echo "cpu=$(cpu_model)"
  echo "cores=$(nproc)"
  for property in java.runtime.version java.vendor java.vendor.version java.vm.name; do
    echo "$property=$(java_property "$property")"
  done
  echo "commit=$(git -C "$root_dir" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "dirty=$(git -C "$root_dir" status --porcelain -- . ':!benchmarks/RESULTS.md' \
    2> /dev/null | wc -l)"
  echo "args=$*"
  echo "load_before=$(load_average)"
} > "$meta"
# What a decoded user JWT retains (JOL; not timed, the same on every run).
if ! "$java_cmd" -Djdk.attach.allowAttachSelf=true -cp "$jar" \
  io.github.natsjwt.benchmarks.ClaimsFootprint >> "$meta" 2> "$dir/footprint.log"; then
  echo "ClaimsFootprint failed, see $dir/footprint.log; RESULTS.md will lack its figures" >&2
fi
echo "java: $("$java_cmd" -version 2>&1 | head -n 1) ($java_cmd)"
echo "cpu:  $(nproc) x $(cpu_model)"
echo "JMH output: $dir"

# One JMH run: its name, then JMH arguments. The output goes to <name>.log, the tail of it to the
# terminal if the run fails.
run_jmh() {
  local name="$1"
  shift
  local load
  load="$(load_average)"
  echo "load=$load" >> "$meta"
  echo "$(date -u +%H:%M:%S) $name (load average $load)"
  if ! jmh -prof gc -p jwt=user -rf json -rff "$dir/$name.json" "$@" > "$dir/$name.log" 2>&1; then
    tail -n 30 "$dir/$name.log"
    echo "JMH failed; the whole log: $dir/$name.log" >&2
    exit 1
  fi
}

# SUITE=go: the comparison with the Go reference alone; SUITE=scaling: ScalingPaired alone (both
# below); no run of the suite.
if [[ "${SUITE:-}" == go || "${SUITE:-}" == scaling ]]; then
  runs=0
fi
for ((i = 1; i <= runs; i++)); do
  run_jmh "run$i-single" "${single[@]}" "$@"
  for benchmark in "${scaling[@]}"; do
    for threads in 1 2; do
      run_jmh "run$i-$benchmark-t$threads" "\\.$benchmark\$" -t "$threads" "$@"
    done
  done
done
# The comparison with the Go reference (gocompare.sh), unless SUITE=jmh or scaling.
if [[ "${SUITE:-}" != jmh && "${SUITE:-}" != scaling ]]; then
  if go_ready; then
    run_go_comparison "$dir" "$meta" "$@" || exit 1
  elif [[ "${SUITE:-}" == go ]]; then
    echo "Go or the nats-io/jwt and nkeys packages are missing (see README.md)" >&2
    exit 1
  else
    echo "Go or the nats-io/jwt and nkeys packages are missing: no comparison with Go" >&2
  fi
fi
# 2 threads against 1, paired (sections.sh), unless SUITE=go.
if [[ "${SUITE:-}" != go ]]; then
  run_scaling_paired "$dir" || exit 1
fi
{
  echo "load_after=$(load_average)"
  echo "end=$(date -u +%s)"
} >> "$meta"

if [[ "${SUITE:-}" == go || "${SUITE:-}" == scaling ]]; then
  # Only this part is new: it replaces its section of $out, the rest stays.
  if [[ "${SUITE:-}" == go ]]; then
    go_section "$dir" | sed '1{/^$/d}' > "$dir/go-section.md"
    replace_section "$out" "$dir/go-section.md"
  else
    replace_section "$out" "$dir/scaling-paired.md"
  fi
  echo "wrote the ${SUITE} section of $out"
  exit 0
fi
python3 "$bench_dir/results.py" "$dir" > "$out.tmp"
go_section "$dir" >> "$out.tmp"
if [[ -s "$dir/scaling-paired.md" ]]; then
  { echo; cat "$dir/scaling-paired.md"; } >> "$out.tmp"
fi
mv "$out.tmp" "$out"
echo "wrote $out"
sed -n '/^## Targets/,/^## Ed25519 verify/p' "$out" | sed '$d'
