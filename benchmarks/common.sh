# Pieces shared by run.sh and results.sh. Sourced, not run.
#
# JAVA_HOME selects the JDK (default: the java on the PATH); NO_BUILD=1 reuses the jar.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$bench_dir")"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="$bench_dir/target/natsjwt-benchmarks.jar"

# Builds benchmarks/target/natsjwt-benchmarks.jar with the repository's Maven wrapper (and the JDK
# of JAVA_HOME, if set), unless NO_BUILD is set.
build_jar() {
  if [[ -z "${NO_BUILD:-}" ]]; then
    # The shade plugin can leave a jar holding another build's classes in place; start afresh,
    # keeping the results of earlier runs.
    rm -f "$bench_dir"/target/natsjwt-benchmarks.jar "$bench_dir"/target/original-natsjwt-benchmarks.jar
    (cd "$root_dir" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
  fi
}

# Runs the calling script again, with its arguments, under JMH's machine-wide lock (waiting while
# another JMH run holds it), unless it holds the lock already. Call it after build_jar: the build
# needs no lock, and the script runs again with NO_BUILD=1.
hold_jmh_lock() {
  if [[ -z "${NATSJWT_HOLDS_JMH_LOCK:-}" ]]; then
    NATSJWT_HOLDS_JMH_LOCK=1 NO_BUILD=1 exec python3 "$bench_dir/jmh_lock.py" bash "$0" "$@"
  fi
}

# One JMH run of the jar; the caller holds the lock (hold_jmh_lock).
jmh() {
  "$java_cmd" -Djmh.ignoreLock=true -jar "$jar" "$@"
}

# A system property of the selected JDK, such as java.runtime.version.
java_property() {
  "$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n "s/^ *$1 = //p"
}

cpu_model() {
  sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1
}

# The 1-minute load average.
load_average() {
  cut -d ' ' -f 1 /proc/loadavg
}
