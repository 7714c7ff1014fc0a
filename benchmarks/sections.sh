# Sections of RESULTS.md that results.sh can also write alone (SUITE=go, SUITE=scaling), replacing
# the same section of an earlier full run. Sourced by results.sh after common.sh.

# replace_section FILE SECTION_FILE: FILE with its section of the same "## " heading as the first
# line of SECTION_FILE replaced by SECTION_FILE (up to the next "## " heading), or with
# SECTION_FILE appended if FILE has no such section.
replace_section() {
  local file="$1" section="$2" heading
  heading="$(head -n 1 "$section")"
  if [[ ! -f "$file" ]]; then
    cp "$section" "$file"
    return
  fi
  awk -v heading="$heading" -v section="$section" '
    function put(  line) { while ((getline line < section) > 0) print line; close(section) }
    $0 == heading { skipping = 1; put(); done = 1; next }
    skipping && /^## / { skipping = 0; print "" }
    !skipping { print }
    END { if (!done) { print ""; put() } }
  ' "$file" > "$file.section.tmp"
  mv "$file.section.tmp" "$file"
}

# run_scaling_paired DIRECTORY: ScalingPaired (2 threads against 1, paired) into
# DIRECTORY/scaling-paired.md: SCALING_ROUNDS (default 20) rounds of four phases of
# SCALING_PHASE_MS (default 500) ms per operation. The caller holds the JMH lock.
run_scaling_paired() {
  local dir="$1"
  echo "$(date -u +%H:%M:%S) ScalingPaired (load average $(load_average))"
  "$java_cmd" -cp "$jar" io.github.natsjwt.benchmarks.ScalingPaired \
    "${SCALING_ROUNDS:-20}" "${SCALING_PHASE_MS:-500}" > "$dir/scaling-paired.md.tmp" \
    2> "$dir/scaling-paired.log" || { cat "$dir/scaling-paired.log" >&2; return 1; }
  mv "$dir/scaling-paired.md.tmp" "$dir/scaling-paired.md"
}
