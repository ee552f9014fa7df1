#!/usr/bin/env bash
# TLS termination benchmark on loopback: nginx vs HAProxy vs Junction, each terminating TLS with the same
# certificate (BENCH_TLS_KEY: EC P-256 or RSA 2048, made by openssl in the work dir at start, never kept) in front
# of one nginx backend.
#
# Four figures per target, in the same run:
#   req/s         wrk over https, keep-alive, a small response (the TLS record path)
#   CPU µs/req    utime+stime of the target's processes (all workers and threads) over that run / requests served
#   handshakes/s  `openssl s_time -new` (a full handshake per connection, no resumption), BENCH_TLS_CLIENTS
#                 of them at once, connections summed (the handshake path)
#   CPU µs/hs     the target's CPU over the handshake run / handshakes done
# The last lines are the ratios to nginx and HAProxy. Rates are only worth quoting when the load average stays
# below 1; the CPU figures depend far less on load (they count only the target's own CPU time).
#
# Environment (all optional):
#   BENCH_DURATION=10s  BENCH_CONNECTIONS=64  BENCH_THREADS=2  BENCH_WORKERS=2  (as bench/run.sh)
#   BENCH_WARMUP=5s  BENCH_JUNCTION_WARMUP=15s (one warm-up run; repeated until two agree)  BENCH_JUNCTION_WARMUP_MAX=90
#   BENCH_HANDSHAKE_SECONDS=10  BENCH_TLS_CLIENTS=4  BENCH_TLS_KEY=ec (or rsa: RSA 2048)
#   BENCH_ROUNDS=3  rounds; each round measures every target once, order rotated; the table shows the medians
#   BENCH_TARGETS="nginx haproxy junction"
#   BENCH_TLS_BACKEND_PORT=21101 BENCH_TLS_NGINX_PORT=21443 BENCH_TLS_HAPROXY_PORT=21444 BENCH_TLS_JUNCTION_PORT=21445
#   BENCH_PORT_OFFSET=0  added to every default port above (another bench may run beside this one)
#   BENCH_JUNCTION_TIMEOUT=120  BENCH_KEEP_WORKDIR=1
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WORKERS=${BENCH_WORKERS:-2}
WARMUP=${BENCH_WARMUP:-5s}
JUNCTION_WARMUP=${BENCH_JUNCTION_WARMUP:-15s}
JUNCTION_WARMUP_MAX=${BENCH_JUNCTION_WARMUP_MAX:-90}
HANDSHAKE_SECONDS=${BENCH_HANDSHAKE_SECONDS:-10}
CLIENTS=${BENCH_TLS_CLIENTS:-4}
JUNCTION_TIMEOUT=${BENCH_JUNCTION_TIMEOUT:-120}
ROUNDS=${BENCH_ROUNDS:-3}
OFFSET=${BENCH_PORT_OFFSET:-0}
read -ra TARGETS <<<"${BENCH_TARGETS:-nginx haproxy junction}"
declare -A PORT=(
    [backend]=${BENCH_TLS_BACKEND_PORT:-$((21101 + OFFSET))}
    [nginx]=${BENCH_TLS_NGINX_PORT:-$((21443 + OFFSET))}
    [haproxy]=${BENCH_TLS_HAPROXY_PORT:-$((21444 + OFFSET))}
    [junction]=${BENCH_TLS_JUNCTION_PORT:-$((21445 + OFFSET))}
)
KEY=${BENCH_TLS_KEY:-ec}
declare -A RPS=() HANDSHAKES=() CPU_REQUEST=() CPU_HANDSHAKE=() SKIP=() GROUP=()
PIDS=()
TICKS_PER_SECOND=$(getconf CLK_TCK)
WORK=$(mktemp -d -t junction-tls-bench.XXXXXX)

log() { printf '[tls-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    sleep 1
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [[ ${BENCH_KEEP_WORKDIR:-0} == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT INT TERM

start_proc() {  # $1 = log file, rest = command; in its own process group, so cleanup takes its children too
    local logfile=$1; shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    PIDS+=("$!")
}

cpu_ticks() {  # $1 = process group -> utime+stime (clock ticks) summed over its live processes and their threads
    # fields after "pid (comm) ": 3 = process group, 12 = utime, 13 = stime; comm may hold spaces, hence the sub();
    # cat fails on a process that ended meanwhile, which is no error here
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v g="$1" '{ sub(/^.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }'
}

cpu_us_per() {  # $1 = ticks before, $2 = ticks after, $3 = count -> CPU µs per unit
    awk -v a="$1" -v b="$2" -v n="$3" -v hz="$TICKS_PER_SECOND" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / hz / n }'
}

wait_ok() {  # $1 = url, $2 = seconds: poll until it answers 200
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        [[ $(curl -sk -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true) == 200 ]] && return 0
        sleep 0.2
    done
    return 1
}

for tool in wrk nginx haproxy curl openssl; do command -v "$tool" >/dev/null || die "missing $tool"; done
for t in backend "${TARGETS[@]}"; do
    curl -sk -o /dev/null --max-time 1 "http://127.0.0.1:${PORT[$t]}/" && die "port ${PORT[$t]} ($t) is in use; set BENCH_TLS_*_PORT"
done

# ---------------------------------------------------------------- certificate and configs

case $KEY in
    ec) KEY_OPTIONS=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
    rsa) KEY_OPTIONS=(-newkey rsa:2048) ;;
    *) die "BENCH_TLS_KEY must be ec or rsa, not '$KEY'" ;;
esac
openssl req -x509 "${KEY_OPTIONS[@]}" -nodes -days 2 -subj /CN=bench.local \
    -addext 'subjectAltName=DNS:bench.local,IP:127.0.0.1' -keyout "$WORK/site.key" -out "$WORK/site.pem" 2>/dev/null
cat "$WORK/site.pem" "$WORK/site.key" >"$WORK/site.haproxy.pem"

nginx_conf() {  # $1 = dir, $2 = workers, $3 = server block
    mkdir -p "$1/tmp"
    cat >"$1/nginx.conf" <<EOF
worker_processes $2;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $1/tmp/body; proxy_temp_path $1/tmp/proxy; fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi; scgi_temp_path $1/tmp/scgi;
    keepalive_requests 1000000;
    upstream backend { server 127.0.0.1:${PORT[backend]}; keepalive 64; keepalive_requests 1000000; }
$3
}
EOF
}

nginx_conf "$WORK/backend" 1 "    server { listen 127.0.0.1:${PORT[backend]}; location / { default_type text/plain; return 200 \"backend\n\"; } }"
nginx_conf "$WORK/nginx" "$WORKERS" "    server {
        listen 127.0.0.1:${PORT[nginx]} ssl;
        ssl_certificate $WORK/site.pem; ssl_certificate_key $WORK/site.key;
        ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache off; ssl_session_tickets off;
        location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
    }"
mkdir -p "$WORK/haproxy"
cat >"$WORK/haproxy/haproxy.cfg" <<EOF
global
    nbthread $WORKERS
    maxconn 4096
    tune.ssl.cachesize 0
defaults
    mode http
    option http-keep-alive
    http-reuse always
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend tls
    bind 127.0.0.1:${PORT[haproxy]} ssl crt $WORK/site.haproxy.pem ssl-min-ver TLSv1.2 no-tls-tickets
    default_backend backend
backend backend
    server b1 127.0.0.1:${PORT[backend]}
EOF
mkdir -p "$WORK/junction/conf.d"
cp "$WORK/site.pem" "$WORK/site.key" "$WORK/junction/conf.d/"
cat >"$WORK/junction/conf.d/bench.groovy" <<EOF
pool('backend') { backend 'http://127.0.0.1:${PORT[backend]}' }
https('tls', port: ${PORT[junction]}, bind: '127.0.0.1', limits: [maxRequestsPerConnection: 0]) {  // as keepalive_requests above
    certificate cert: 'site.pem', key: 'site.key'
    otherwise { forward 'backend' }
}
EOF

# ---------------------------------------------------------------- start

start_proc "$WORK/backend/stdout.log" nginx -p "$WORK/backend" -e "$WORK/backend/error.log" -c "$WORK/backend/nginx.conf" -g 'daemon off;'
wait_ok "http://127.0.0.1:${PORT[backend]}/" 10 || die "backend did not start"
for t in "${TARGETS[@]}"; do
    case $t in
        nginx) start_proc "$WORK/nginx/stdout.log" nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' ;;
        haproxy) start_proc "$WORK/haproxy/haproxy.log" haproxy -db -f "$WORK/haproxy/haproxy.cfg" ;;
        junction)
            if [[ ! -x $ROOT/bin/junction ]]; then SKIP[junction]="bin/junction not found"; continue; fi
            start_proc "$WORK/junction/junction.log" env -C "$ROOT" JAVA_OPTS="${JAVA_OPTS:-} -Djunction.admin.port=0" \
                "$ROOT/bin/junction" run --conf "$WORK/junction/conf.d" ;;
        *) die "unknown target '$t'" ;;
    esac
    GROUP[$t]=${PIDS[-1]}
    wait_ok "https://127.0.0.1:${PORT[$t]}/" "$([[ $t == junction ]] && echo "$JUNCTION_TIMEOUT" || echo 10)" \
        || SKIP[$t]="no 200 over https on :${PORT[$t]}"
    [[ -z ${SKIP[$t]:-} ]] && log "$t up on https://127.0.0.1:${PORT[$t]}" || log "SKIPPED $t: ${SKIP[$t]}"
done

# ---------------------------------------------------------------- measure

wrk_rps() {  # $1 = target, $2 = duration -> "req/s CPU-µs-per-request" (errors are logged: a fast error is not a fast proxy)
    local port=${PORT[$1]} out=$WORK/wrk-${PORT[$1]}-$RANDOM.txt before after
    before=$(cpu_ticks "${GROUP[$1]}")
    timeout -k 5 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 5s "https://127.0.0.1:$port/" >"$out" 2>&1 || true
    after=$(cpu_ticks "${GROUP[$1]}")
    grep -q -E 'Non-2xx|Socket errors' "$out" && log "WARNING: errors on :$port: $(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ')"
    echo "$(awk '/^Requests\/sec:/ {print $2}' "$out") $(cpu_us_per "$before" "$after" "$(awk '/requests in/ {print $1}' "$out")")"
}

handshakes_per_second() {  # $1 = target -> "full-handshakes/s CPU-µs-per-handshake", CLIENTS s_time clients at once
    local i total=0 n clients=() port=${PORT[$1]} before after
    before=$(cpu_ticks "${GROUP[$1]}")
    for ((i = 0; i < CLIENTS; i++)); do
        openssl s_time -connect "127.0.0.1:$port" -new -time "$HANDSHAKE_SECONDS" >"$WORK/s_time-$port-$i.txt" 2>&1 &
        clients+=("$!")
    done
    wait "${clients[@]}" || true   # not a bare wait: that would wait for the servers too
    after=$(cpu_ticks "${GROUP[$1]}")
    for ((i = 0; i < CLIENTS; i++)); do
        n=$(awk '/connections in [0-9.]+s/ && !/real/ {print $1; exit}' "$WORK/s_time-$port-$i.txt")
        total=$((total + ${n:-0}))
    done
    echo "$(awk -v n="$total" -v s="$HANDSHAKE_SECONDS" 'BEGIN {printf "%.0f", n / s}') $(cpu_us_per "$before" "$after" "$total")"
}

# Junction's first minute is the JIT's: a cold JVM serves https at a fraction of its warm rate (issue 14: 0.10x
# nginx after 5 s of warm-up, 0.45x once compiled), so it is warmed in BENCH_JUNCTION_WARMUP runs until two in a
# row agree within 10% (at most BENCH_JUNCTION_WARMUP_MAX seconds); every target's handshake path is warmed too.
warm_up() {  # $1 = target
    local rps cpu previous=0 deadline=$((SECONDS + JUNCTION_WARMUP_MAX))
    if [[ $1 != junction ]]; then
        read -r rps cpu < <(wrk_rps "$1" "$WARMUP")
        log "warm-up $1: $rps req/s, $cpu CPU µs/request"
    else
        while ((SECONDS < deadline)); do
            read -r rps cpu < <(wrk_rps "$1" "$JUNCTION_WARMUP")
            log "warm-up $1: ${rps:-0} req/s, ${cpu:-?} CPU µs/request"
            awk -v a="${rps:-0}" -v b="$previous" 'BEGIN { exit !(b > 0 && a > 0.9 * b && a < 1.1 * b) }' && break
            previous=${rps:-0}
        done
    fi
    handshakes_per_second "$1" >/dev/null
}

load_before=$(load1)
for t in "${TARGETS[@]}"; do
    [[ -n ${SKIP[$t]:-} ]] || warm_up "$t"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

declare -A ALL_RPS=() ALL_HANDSHAKES=() ALL_CPU_REQUEST=() ALL_CPU_HANDSHAKE=()
for ((round = 0; round < ROUNDS; round++)); do
    for ((i = 0; i < ${#TARGETS[@]}; i++)); do
        t=${TARGETS[(i + round) % ${#TARGETS[@]}]}
        [[ -n ${SKIP[$t]:-} ]] && continue
        read -r rps cpu_request < <(wrk_rps "$t" "$DURATION")
        read -r handshakes cpu_handshake < <(handshakes_per_second "$t")
        ALL_RPS[$t]+=" $rps" ALL_HANDSHAKES[$t]+=" $handshakes"
        ALL_CPU_REQUEST[$t]+=" ${cpu_request:-}" ALL_CPU_HANDSHAKE[$t]+=" ${cpu_handshake:-}"
        log "round $((round + 1))/$ROUNDS $t: $rps req/s over https (${cpu_request:-?} CPU µs/request)," \
            "$handshakes handshakes/s (${cpu_handshake:-?} CPU µs/handshake)"
    done
done
for t in "${TARGETS[@]}"; do
    [[ -n ${SKIP[$t]:-} ]] && continue
    RPS[$t]=$(median <<<"${ALL_RPS[$t]}") HANDSHAKES[$t]=$(median <<<"${ALL_HANDSHAKES[$t]}")
    CPU_REQUEST[$t]=$(median <<<"${ALL_CPU_REQUEST[$t]}") CPU_HANDSHAKE[$t]=$(median <<<"${ALL_CPU_HANDSHAKE[$t]}")
done
load_after=$(load1)

# ---------------------------------------------------------------- report

printf '\n%-10s %14s %13s %14s %11s   (medians of %s round(s), %s key)\n' \
    target 'req/s (https)' 'CPU µs/req' 'handshakes/s' 'CPU µs/hs' "$ROUNDS" "$KEY"
for t in "${TARGETS[@]}"; do
    printf '%-10s %14s %12s %14s %11s\n' "$t" "${RPS[$t]:-skipped}" "${CPU_REQUEST[$t]:-}" \
        "${HANDSHAKES[$t]:-${SKIP[$t]:-}}" "${CPU_HANDSHAKE[$t]:-}"
done
echo "load average (1 min) before: $load_before, after: $load_after$(awk -v a="$load_before" -v b="$load_after" \
    'BEGIN { if (a > 1 || b > 1) printf " -- above 1: not a quiet machine, do not quote these figures" }')"
ratio() {  # $1 = target, $2 = peer: the target's figures over the peer's (CPU: higher is costlier)
    [[ -n ${RPS[$1]:-} && -n ${RPS[$2]:-} ]] || return 0
    awk -v t="$1" -v p="$2" -v r="${RPS[$1]}" -v rp="${RPS[$2]}" -v h="${HANDSHAKES[$1]}" -v hp="${HANDSHAKES[$2]}" \
        -v c="${CPU_REQUEST[$1]:-0}" -v cp="${CPU_REQUEST[$2]:-0}" -v s="${CPU_HANDSHAKE[$1]:-0}" -v sp="${CPU_HANDSHAKE[$2]:-0}" \
        'function q(a, b) { return b > 0 ? a / b : 0 }
         BEGIN { printf "%s / %s: req/s %.2f, CPU/request %.2f, handshakes/s %.2f, CPU/handshake %.2f\n",
                 t, p, q(r, rp), q(c, cp), q(h, hp), q(s, sp) }'
}
ratio haproxy nginx
ratio junction nginx
ratio junction haproxy
