#!/usr/bin/env bash
# Sticky sessions benchmark on loopback: one Junction, two listeners to the same two nginx backends,
# 'plain' (round robin) and 'sticky' (sticky cookie + the redis store on a redis-server of its own),
# measured in the same run, rounds interleaved. Every wrk request carries the same sticky cookie,
# so the sticky side pays a signature check and a store lookup per request (the local cache answers
# most; BENCH_STICKY_CACHE=0ms sends every lookup to Redis).
#
# Environment (all optional): BENCH_DURATION=10s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=3
#   BENCH_WARMUP=15s BENCH_STICKY_CACHE=1s BENCH_ENGINE=own (the default; or undertow)
#   BENCH_PORT_BASE=19300 (backends +1 +2, redis +3, plain +10, sticky +11)  BENCH_PORT_OFFSET=0 (added to
#   every port, so parallel benches do not collide)  BENCH_KEEP_WORKDIR=1
# Needs wrk, nginx, redis-server and curl; bin/junction builds the distribution on first use.
# Output: the medians, each round's figure, the load average before and after, and one last line
# "sticky / plain = R"; the same in bench/results/sticky-latest.md, every wrk run's raw output in
# bench/results/sticky-latest-raw.txt. Figures taken while the load average is above 1 are not a verdict.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${BENCH_DURATION:=10s}" "${BENCH_CONNECTIONS:=64}" "${BENCH_THREADS:=2}" "${BENCH_ROUNDS:=3}" "${BENCH_WARMUP:=15s}"
: "${BENCH_STICKY_CACHE:=1s}" "${BENCH_ENGINE:=own}" "${BENCH_PORT_BASE:=19300}"
DURATION=$BENCH_DURATION CONNECTIONS=$BENCH_CONNECTIONS THREADS=$BENCH_THREADS ROUNDS=$BENCH_ROUNDS WARMUP=$BENCH_WARMUP
CACHE=$BENCH_STICKY_CACHE ENGINE=$BENCH_ENGINE BASE=$((BENCH_PORT_BASE + ${BENCH_PORT_OFFSET:-0}))
RESULTS_DIR=$ROOT/bench/results
B1=$((BASE + 1)) B2=$((BASE + 2)) REDIS=$((BASE + 3)) PLAIN=$((BASE + 10)) STICKY=$((BASE + 11))

WORK=$(mktemp -d)
PIDS=()
log() { printf '[sticky-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ ${BENCH_KEEP_WORKDIR:-0} == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT INT TERM

start_proc() {  # $1 = log file, rest = command; its own process group, killed by cleanup
    local logfile=$1; shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    PIDS+=("$!")
}

wait_http() {  # $1 = port, $2 = seconds
    local deadline=$((SECONDS + $2))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1/" || true) == 200 ]]; do
        ((SECONDS < deadline)) || die "nothing answers 200 on :$1 (logs in $WORK)"
        sleep 0.2
    done
}

for t in wrk nginx redis-server curl; do command -v "$t" >/dev/null || die "$t is missing"; done

mkdir -p "$WORK/nginx/tmp" "$WORK/redis" "$WORK/conf.d"
cat >"$WORK/nginx/nginx.conf" <<CONF
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
worker_processes 1;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp;
    proxy_temp_path $WORK/nginx/tmp;
    fastcgi_temp_path $WORK/nginx/tmp;
    uwsgi_temp_path $WORK/nginx/tmp;
    scgi_temp_path $WORK/nginx/tmp;
    keepalive_requests 1000000;
    server { listen 127.0.0.1:$B1; location / { return 200 "backend 1\n"; } }
    server { listen 127.0.0.1:$B2; location / { return 200 "backend 2\n"; } }
}
CONF
start_proc "$WORK/nginx.log" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;'
start_proc "$WORK/redis.log" redis-server --port "$REDIS" --bind 127.0.0.1 --dir "$WORK/redis" --save '' --appendonly no
cat >"$WORK/conf.d/sticky.groovy" <<CONF
pool('plain') {
    backend 'http://127.0.0.1:$B1'
    backend 'http://127.0.0.1:$B2'
}
pool('sticky') {
    sticky cookie: 'JUNCTION', maxAge: '1h', httpOnly: true
    sessions 'redis', uri: 'redis://127.0.0.1:$REDIS', cache: '$CACHE'
    backend 'http://127.0.0.1:$B1'
    backend 'http://127.0.0.1:$B2'
}
http('plain', port: $PLAIN, bind: '127.0.0.1') { otherwise { forward 'plain' } }
http('sticky', port: $STICKY, bind: '127.0.0.1') { otherwise { forward 'sticky' } }
CONF
log "starting Junction (engine $ENGINE)"
start_proc "$WORK/junction.log" env -C "$ROOT" \
    JAVA_OPTS="${JAVA_OPTS:-} -Djunction.http.engine=$ENGINE -Djunction.admin.port=0 -Djunction.sticky.secret=bench-secret-0123456789abcdef" \
    "$ROOT/bin/junction" run --conf "$WORK/conf.d"
wait_http "$B1" 10
wait_http "$PLAIN" 180
wait_http "$STICKY" 30

COOKIE=$(curl -s -D - -o /dev/null "http://127.0.0.1:$STICKY/" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(JUNCTION=[^;]*\).*/\1/p')
[[ -n $COOKIE ]] || die "the sticky listener set no cookie"
spread() { for i in 1 2 3 4 5 6; do curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$STICKY/"; done | sort -u | wc -l; }
deadline=$((SECONDS + 30))  # lookups are served without a pin until the store has connected
until [[ $(spread) == 1 ]]; do
    ((SECONDS < deadline)) || die "the sticky listener still spreads one client over both backends after 30 s (logs in $WORK)"
    sleep 0.5
done

rps() {  # $1 = port, $2 = duration: requests/s of one wrk run (every request with the cookie)
    echo "== $(date -u +%H:%M:%S) port $1 ($( (($1 == PLAIN)) && echo plain || echo sticky)), $2" >>"$WORK/wrk.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 5s -H "Cookie: $COOKIE" "http://127.0.0.1:$1/" \
        | tee -a "$WORK/wrk.txt" | awk '/^Requests\/sec/ {print $2}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warm-up $WARMUP each"
rps "$PLAIN" "$WARMUP" >/dev/null
rps "$STICKY" "$WARMUP" >/dev/null
plain=() sticky=()
for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then plain+=("$(rps "$PLAIN" "$DURATION")"); sticky+=("$(rps "$STICKY" "$DURATION")")
    else sticky+=("$(rps "$STICKY" "$DURATION")"); plain+=("$(rps "$PLAIN" "$DURATION")"); fi
    log "round $r: plain ${plain[-1]} req/s, sticky ${sticky[-1]} req/s"
done
p=$(median "${plain[@]}") s=$(median "${sticky[@]}")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
report() {
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'): engine $ENGINE, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, store cache $CACHE"
    echo "load average before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "plain  (round robin)          median $p req/s  rounds: ${plain[*]}"
    echo "sticky (cookie + redis store) median $s req/s  rounds: ${sticky[*]}"
    awk -v p="$p" -v s="$s" 'BEGIN { if (p > 0) printf "sticky / plain = %.2f\n", s / p; else print "sticky / plain = n/a" }'
}
mkdir -p "$RESULTS_DIR"
report | tee "$RESULTS_DIR/sticky-latest.md"
cp "$WORK/wrk.txt" "$RESULTS_DIR/sticky-latest-raw.txt"
log "wrote $RESULTS_DIR/sticky-latest.md (raw wrk output: sticky-latest-raw.txt)"
