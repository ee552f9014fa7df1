# Memory per idle connection, for any bench script (source it after bench/run.sh, whose log/die it uses):
# RSS growth of a proxy's process group while bench/HoldConnections.java holds N idle keep-alive connections
# through it (one request each, then idle), divided by N.
#   BENCH_IDLE=10000   wanted; capped by the open-files limit (a proxied connection takes two descriptors in
#                      the proxy: client and backend)

IDLE_WANTED=${BENCH_IDLE:-10000}

# Raises this shell's open-files limit (inherited by everything started after) to the hard limit and sets
# IDLE_COUNT to what a single-process proxy can hold with it.
idle_prepare() {
    local hard
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] && hard=1048576
    ulimit -n "$hard"
    IDLE_COUNT=$(( (hard - 512) / 2 ))
    ((IDLE_COUNT > IDLE_WANTED)) && IDLE_COUNT=$IDLE_WANTED
    ((IDLE_COUNT == IDLE_WANTED)) || log "idle connections: $IDLE_COUNT, not $IDLE_WANTED (open-files limit $hard)"
}

group_rss_kib() {  # $1 = process group id -> summed RSS (KiB) of its processes
    ps -e -o pgid=,rss= | awk -v group="$1" '$1 == group { kib += $2 } END { print kib + 0 }'
}

# $1 = process group of the proxy, $2 = its port, $3 = file for the holder's output
# -> "KiB-per-connection held-count" on stdout; RSS is read once all connections are idle.
idle_kib_per_connection() {
    local group=$1 port=$2 out=$3 before after held deadline holder fifo hold
    fifo=$out.stdin
    mkfifo "$fifo"
    before=$(group_rss_kib "$group")
    java -XX:+UseSerialGC -Xmx128m "$ROOT/bench/HoldConnections.java" "$port" "$IDLE_COUNT" <"$fifo" >"$out" 2>&1 &
    holder=$!
    exec {hold}>"$fifo"   # the holder holds until this end closes
    deadline=$((SECONDS + 600))
    until grep -q '^held ' "$out" || ((SECONDS > deadline)) || ! kill -0 "$holder" 2>/dev/null; do sleep 0.2; done
    held=$(awk '/^held / { print $2 }' "$out")
    after=$(group_rss_kib "$group")
    exec {hold}>&-
    wait "$holder" || true
    rm -f "$fifo"
    [[ -n $held && $held -gt 0 ]] || { log "WARNING: no idle connection held on :$port ($(tail -1 "$out"))"; echo "0 0"; return; }
    awk -v a="$after" -v b="$before" -v n="$held" 'BEGIN { printf "%.2f %d\n", (a - b) / n, n }'
}
