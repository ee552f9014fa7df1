#!/usr/bin/env bash
# Strategies through real Junction: three loopback backends, the third answering BENCH_SLOW_MS later, wrk per
# strategy (req/s and p99 in one markdown table), then the long JAR swap: wrk for BENCH_SWAP_DURATION while the
# example strategy JAR in the plugins folder is replaced every second and Junction reloaded (SIGHUP).
# Needs wrk and the distribution (bin/junction builds it on first use). docs/strategies.md quotes one run.
#
# Environment (all optional): BENCH_DURATION=10s BENCH_WARMUP=5s BENCH_CONNECTIONS=32 BENCH_SLOW_MS=20
#   BENCH_SWAP_DURATION=60s BENCH_PORT=19290 (Junction; backends on the next three ports)
#   BENCH_JUNCTION=bin/junction (a launcher taking the CLI's arguments and JAVA_OPTS)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
SLOW_MS=${BENCH_SLOW_MS:-20}
SWAP_DURATION=${BENCH_SWAP_DURATION:-60s}
PORT=${BENCH_PORT:-19290}
LAUNCHER=${BENCH_JUNCTION:-$ROOT/bin/junction}
STRATEGIES=(round-robin weighted-round-robin random least-connections p2c peak-ewma "consistent-hash', key: 'client-ip")
WORK=$(mktemp -d)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

start() {  # $1 = log name, rest = command; own process group so cleanup takes its children too
    local logfile=$WORK/$1.log; shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    PIDS+=("$!")
}

answers() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1/" || true) == 200 ]]; }

wait_for() {  # $1 = port, $2 = seconds
    local deadline=$((SECONDS + $2))
    until answers "$1"; do
        ((SECONDS < deadline)) || { echo "nothing answers on $1; see $WORK" >&2; exit 1; }
        sleep 0.2
    done
}

conf() {  # $1 = balance arguments
    cat >"$WORK/conf.d/bench.groovy" <<GROOVY
pool('bench') {
    balance '$1'
    backend 'http://127.0.0.1:$((PORT + 1))'
    backend 'http://127.0.0.1:$((PORT + 2))'
    backend 'http://127.0.0.1:$((PORT + 3))'
}
http('bench', port: $PORT, bind: '127.0.0.1') {
    otherwise { forward 'bench' }
}
GROOVY
}

# wrk output -> "req/s p99-ms errors"
measure() {
    local out
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$1" --latency "http://127.0.0.1:$PORT/")
    awk '/Requests\/sec/ { rps = $2 }
         / 99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
         /Non-2xx/ { errors += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); errors += $1 + $2 + $3 + $4 }
         END { printf "%s %.2f %d\n", rps, p99, errors }' <<<"$out"
}

mkdir -p "$WORK/conf.d" "$WORK/plugins"
command -v wrk >/dev/null || { echo "wrk is needed" >&2; exit 1; }
for i in 1 2 3; do
    start "backend$i" java "$ROOT/bench/strategies/Backend.java" $((PORT + i)) "b$i" $([[ $i == 3 ]] && echo "$SLOW_MS" || echo 0)
done
for i in 1 2 3; do wait_for $((PORT + i)) 60; done

conf round-robin
start junction env -C "$ROOT" JAVA_OPTS="${JAVA_OPTS:-} -Djunction.admin.port=0" "$LAUNCHER" run \
    --conf "$WORK/conf.d" --plugins "$WORK/plugins"
JUNCTION=${PIDS[-1]}
wait_for "$PORT" 300
pid=$(pgrep -g "$JUNCTION" java | head -n 1)

echo "## Strategies through Junction: 3 loopback backends, b3 ${SLOW_MS} ms slower; wrk -c$CONNECTIONS -d$DURATION ($(date -u +%F))"
echo "| strategy | req/s | p99 ms | errors |"
echo "|---|---|---|---|"
for strategy in "${STRATEGIES[@]}"; do
    conf "$strategy"
    kill -HUP "$pid"
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$PORT/" >/dev/null
    read -r rps p99 errors < <(measure "$DURATION")
    echo "| ${strategy%%\'*} | $rps | $p99 | $errors |"
done

# the long JAR swap: the example strategy, a fresh copy every second, each followed by SIGHUP
jar=$(ls "$ROOT"/examples/custom-strategy/target/failover-strategy-*.jar 2>/dev/null | head -n 1)
[[ -n $jar ]] || { echo "build examples/custom-strategy first (mvn -o -pl examples/custom-strategy -am package)" >&2; exit 1; }
cp "$jar" "$WORK/plugins/failover.jar"
conf failover
kill -HUP "$pid"
wait_for "$PORT" 10
( end=$((SECONDS + ${SWAP_DURATION%s})); n=0
  while ((SECONDS < end)); do
      cp "$jar" "$WORK/plugins/.failover.jar.partial" && mv -f "$WORK/plugins/.failover.jar.partial" "$WORK/plugins/failover.jar"
      kill -HUP "$pid"; n=$((n + 1)); sleep 1
  done; echo "$n" >"$WORK/swaps" ) &
SWAPPER=$!
read -r rps p99 errors < <(measure "$SWAP_DURATION")
wait "$SWAPPER"
echo
echo "## JAR swap under wrk: failover-strategy replaced and reloaded every second for $SWAP_DURATION ($(cat "$WORK/swaps") swaps)"
echo "| req/s | p99 ms | errors |"
echo "|---|---|---|"
echo "| $rps | $p99 | $errors |"
