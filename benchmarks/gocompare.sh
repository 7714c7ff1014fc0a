# The comparison with the Go reference (nats-io/jwt v2 and nats-io/nkeys), sourced by results.sh
# after common.sh. Needs Go and Debian's golang-github-nats-io-jwt-dev and
# golang-github-nats-io-nkeys-dev (GOPATH mode); GO_GOPATH overrides where their sources are.
#
# GO_RUNS (default 2) sets how many times the Go program and GoComparisonBenchmark run, always in
# turn: Go, JMH, Go, JMH, ... so that both see about the same load.

go_gopath="${GO_GOPATH:-/usr/share/gocode}"

# Whether Go and the two reference packages are installed.
go_ready() {
  command -v go > /dev/null \
    && [[ -d "$go_gopath/src/github.com/nats-io/jwt/v2" ]] \
    && [[ -d "$go_gopath/src/github.com/nats-io/nkeys" ]]
}

# run_go_comparison DIRECTORY META [JMH ARGS]: builds benchmarks/go, writes the fixtures once
# (GoFixtures) to DIRECTORY/go-fixtures, then runs the Go program (go-run<N>-go.jsonl) and the
# matching JMH benchmark (go-run<N>-jmh.json) alternately. The caller holds the JMH lock.
run_go_comparison() {
  local dir="$1" meta="$2"
  shift 2
  local fixtures="$dir/go-fixtures" gobench="$dir/gobench" load i
  # Called from an if or ||, so errexit does not apply here: every step checks its status.
  (cd "$root_dir" && GOPATH="$go_gopath" GO111MODULE=off go build -o "$gobench" ./benchmarks/go) \
    || return 1
  "$java_cmd" -cp "$jar" io.github.natsjwt.benchmarks.GoFixtures "$fixtures" || return 1
  {
    echo "go_version=$(go env GOVERSION)"
    echo "go_start=$(date -u +%s)"
  } >> "$meta"
  for ((i = 1; i <= ${GO_RUNS:-2}; i++)); do
    load="$(load_average)"
    echo "go_load=$load" >> "$meta"
    echo "$(date -u +%H:%M:%S) go-run$i Go (load average $load)"
    if ! "$gobench" -fixtures "$fixtures" > "$dir/go-run$i-go.jsonl" 2> "$dir/go-run$i-go.log"; then
      cat "$dir/go-run$i-go.log" >&2
      return 1
    fi
    load="$(load_average)"
    echo "go_load=$load" >> "$meta"
    echo "$(date -u +%H:%M:%S) go-run$i JMH (load average $load)"
    if ! jmh -prof gc -rf json -rff "$dir/go-run$i-jmh.json" '\.GoComparisonBenchmark\.' \
      -jvmArgsAppend "-Dnatsjwt.goFixtures=$fixtures" "$@" > "$dir/go-run$i-jmh.log" 2>&1; then
      tail -n 30 "$dir/go-run$i-jmh.log"
      echo "JMH failed; the whole log: $dir/go-run$i-jmh.log" >&2
      return 1
    fi
  done
  echo "go_end=$(date -u +%s)" >> "$meta"
}

# go_section DIRECTORY: the "Against the Go reference" section of RESULTS.md, if DIRECTORY holds
# a comparison.
go_section() {
  if compgen -G "$1/go-run*-go.jsonl" > /dev/null; then
    echo
    python3 "$bench_dir/goresults.py" "$1"
  fi
}
