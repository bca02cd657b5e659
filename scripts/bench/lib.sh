# Shared helpers of the benchmark scripts: timing (median of repeated runs) and peak memory.
# Sourced, not run.

# median_seconds RUNS CMD...: runs CMD RUNS times (output discarded), prints the median wall time.
median_seconds() {
  local runs=$1; shift
  local times=() i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f\n", m}'
}

# peak_rss_mib CMD...: the peak resident memory of CMD and its children, in MiB.
peak_rss_mib() {
  /usr/bin/time -f '%M' -o /tmp/qctl-bench-rss "$@" >/dev/null 2>&1
  awk '{printf "%.0f\n", $1 / 1024}' /tmp/qctl-bench-rss
}

bench_prerequisites() {
  local missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  command -v bc >/dev/null 2>&1 || missing+=(bc)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The sandbox's bulk messages come from bulk-senderNN@example.org: benchmarks add and remove only
# those, so the seeded samples and anything else in the queues stay as they are.
remove_bulk_postfix() {
  postqueue -j | jq -r 'select(.sender | startswith("bulk-")) | .queue_id' | postsuper -d - >/dev/null 2>&1 || true
}

remove_bulk_exim() {
  "${exim[@]}" -bp | awk '/^ *[0-9]+[smhdw] .* <bulk-/{print $3}' | xargs -r -n 1000 "${exim[@]}" -Mrm >/dev/null 2>&1 || true
}
