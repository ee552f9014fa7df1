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

# Live heap bytes of a JVM (jcmd's histogram collects first: what is reachable, not what was not collected yet).
heap_bytes() {  # $1 = pid
    jcmd "$1" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { print $3 }'
}

# $1 = process group of the proxy, $2 = its port, $3 = file for the holder's output, $4 = pid of the proxy's JVM, if
# it is one -> "KiB-per-connection held-count [live-heap-bytes-per-connection]" on stdout; RSS (and heap) are read
# once all connections are idle. The heap figure does not depend on how much heap the collector chose to commit.
idle_kib_per_connection() {
    local group=$1 port=$2 out=$3 jvm=${4:-} before after held deadline holder fifo hold heap_before="" heap_after=""
    fifo=$out.stdin
    mkfifo "$fifo"
    [[ -z $jvm ]] || heap_before=$(heap_bytes "$jvm")
    before=$(group_rss_kib "$group")
    : >"$out"   # exists before the holder opens it (that waits for the fifo's writer), for the grep below
    java -XX:+UseSerialGC -Xmx128m "$ROOT/bench/HoldConnections.java" "$port" "$IDLE_COUNT" <"$fifo" >"$out" 2>&1 &
    holder=$!
    exec {hold}>"$fifo"   # the holder holds until this end closes
    deadline=$((SECONDS + 600))
    until grep -q '^held ' "$out" || ((SECONDS > deadline)) || ! kill -0 "$holder" 2>/dev/null; do sleep 0.2; done
    held=$(awk '/^held / { print $2 }' "$out")
    after=$(group_rss_kib "$group")
    [[ -z $jvm ]] || heap_after=$(heap_bytes "$jvm")
    exec {hold}>&-
    wait "$holder" || true
    rm -f "$fifo"
    [[ -n $held && $held -gt 0 ]] || { log "WARNING: no idle connection held on :$port ($(tail -1 "$out"))"; echo "0 0"; return; }
    awk -v a="$after" -v b="$before" -v n="$held" -v ha="$heap_after" -v hb="$heap_before" 'BEGIN {
        printf "%.2f %d", (a - b) / n, n
        if (ha != "" && hb != "") printf " %d", (ha - hb) / n
        printf "\n" }'
}
