#!/usr/bin/env bash
# Side-by-side HTTP proxy benchmark on loopback: backend direct vs nginx vs HAProxy vs Junction.
#
# Everything runs on 127.0.0.1 under a private `mktemp -d` work dir; no system service or
# /etc config is touched. See docs/performance.md for the method and how to read the numbers.
#
# Environment (all optional):
#   BENCH_DURATION=10s      wrk duration of each measured run
#   BENCH_CONNECTIONS=64    wrk connections (-c)
#   BENCH_THREADS=2         wrk threads (-t)
#   BENCH_ROUNDS=3          rounds; each round runs every target once, order rotated
#   BENCH_WARMUP=5s         unmeasured wrk run per target before round 1
#   BENCH_JUNCTION_WARMUP=15s  the same for Junction: the JVM needs longer to reach steady state
#   BENCH_JIT_SETTLE_RUNS=12   then at most this many 5 s runs more per JVM, until its JIT compiler is idle
#   BENCH_WORKERS=2         nginx proxy worker_processes / HAProxy nbthread
#   BENCH_TARGETS="backend nginx haproxy undertow junction junction-own"   subset (nginx is the ratio base;
#                           undertow = bare Undertow LoadBalancingProxyClient, the floor;
#                           junction = Undertow engine, junction-own = junction.http.engine=own;
#                           junction-base = the own engine of another distribution, for A/B rounds in one run)
#   BENCH_BASE_DIST=        unpacked distribution the junction-base target runs (a copy of runtime/dist/target/junction
#                           made before a change)
#   BENCH_PORT_OFFSET=0     added to every default port below (another bench may run beside this one)
#   BENCH_BACKEND1_PORT=19101 BENCH_BACKEND2_PORT=19102
#   BENCH_NGINX_PORT=19180 BENCH_HAPROXY_PORT=19181 BENCH_JUNCTION_PORT=19182 BENCH_UNDERTOW_PORT=19183
#   BENCH_JUNCTION_OWN_PORT=19184 BENCH_LAUNCH_PORT=19185 (the Junction started per launch round)
#   BENCH_JUNCTION_BASE_PORT=19186
#   BENCH_BULK_MB=512       size of the file /bulk that both backends serve; one curl download per target and round
#   BENCH_IDLE=10000        idle keep-alive connections held against each proxy, right after it started (a fresh
#                           process, before any wrk run), for its RSS per connection (0: skip)
#   BENCH_LAUNCHES=5        Junction (own engine) launches of each launcher, interleaved, timed from process start
#                           to the first 200: the distribution's bin/junction (the JVM part) and the checkout's (0: skip)
#   BENCH_START_TIMEOUT=10  seconds nginx/HAProxy get to answer
#   BENCH_JUNCTION_TIMEOUT=120  seconds Junction gets to answer (includes a first build)
#   BENCH_KEEP_WORKDIR=1    keep the work dir (configs, logs, raw wrk output) after exit
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/idle.sh"

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-5s}
JUNCTION_WARMUP=${BENCH_JUNCTION_WARMUP:-15s}
WORKERS=${BENCH_WORKERS:-2}
read -ra TARGETS <<<"${BENCH_TARGETS:-backend nginx haproxy undertow junction junction-own}"
START_TIMEOUT=${BENCH_START_TIMEOUT:-10}
JUNCTION_TIMEOUT=${BENCH_JUNCTION_TIMEOUT:-120}

BULK_MB=${BENCH_BULK_MB:-512}
IDLE=${BENCH_IDLE:-10000}
LAUNCHES=${BENCH_LAUNCHES:-5}
OFFSET=${BENCH_PORT_OFFSET:-0}

declare -A PORT=(
    [backend1]=${BENCH_BACKEND1_PORT:-$((19101 + OFFSET))}
    [backend2]=${BENCH_BACKEND2_PORT:-$((19102 + OFFSET))}
    [nginx]=${BENCH_NGINX_PORT:-$((19180 + OFFSET))}
    [haproxy]=${BENCH_HAPROXY_PORT:-$((19181 + OFFSET))}
    [junction]=${BENCH_JUNCTION_PORT:-$((19182 + OFFSET))}
    [undertow]=${BENCH_UNDERTOW_PORT:-$((19183 + OFFSET))}
    [junction-own]=${BENCH_JUNCTION_OWN_PORT:-$((19184 + OFFSET))}
    [launch]=${BENCH_LAUNCH_PORT:-$((19185 + OFFSET))}
    [junction-base]=${BENCH_JUNCTION_BASE_PORT:-$((19186 + OFFSET))}
)
PORT[backend]=${PORT[backend1]}   # "backend" target = backend 1 hit directly, the ceiling

RESULTS_DIR=$ROOT/bench/results
WORK=""
LAST_PID=""
WRK_PID=""              # wrk run in progress, if any
PIDS=()                 # process-group leaders we started (each via setsid)
declare -A SKIP=()      # target -> reason it was not measured
declare -A RPS=()       # target -> space-separated requests/s, one per round
declare -A P99=()       # target -> space-separated p99 in ms, one per round
declare -A ERRS=()      # target -> non-2xx + socket errors summed over rounds
declare -A CPU=()       # target -> space-separated CPU microseconds (user + system) per request, one per round
declare -A SID=()       # target -> session id of its processes (all of them count for RSS)
declare -A MBPS=()      # target -> space-separated bulk MB/s, one per round
declare -A IDLE_KIB=()  # target -> RSS growth per held idle connection in KiB (and live heap bytes for a JVM)
declare -A LAUNCH=()    # launcher (dist, checkout) -> space-separated seconds from process start to the first 200
declare -A LAUNCH_CPU=() # the same launches: CPU seconds the process had used at its first 200
declare -A LAUNCH_MAIN=() # the same launches: CPU seconds of the JVM's main thread by then (the start's critical path)
declare -A LAUNCH_RUNQ=() # the same launches: seconds the main thread was runnable but waited for a core by then
DIST=$ROOT/runtime/dist/target/junction

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- setup / teardown

ensure_tools() {
    local missing=() t
    for t in wrk nginx haproxy curl; do
        command -v "$t" >/dev/null 2>&1 || missing+=("$t")
    done
    ((${#missing[@]} == 0)) && return 0
    [[ $EUID -eq 0 ]] || die "missing ${missing[*]}; install them or run as root"
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # Debian's postinst may start the packaged services; we never use or stop them, and
    # our ports are distinct from theirs (80), so they do not interfere with the run.
}

# Kill every process group we started: TERM first, KILL whatever is left after 10 s.
# Runs on any exit (normal, error, Ctrl-C) so nothing outlives the script.
cleanup() {
    local rc=$? pid deadline
    trap - EXIT INT TERM
    [[ -z $WRK_PID ]] || kill -TERM "$WRK_PID" 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + 10))
    for pid in "${PIDS[@]}"; do
        while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        kill -KILL -- "-$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $WORK && -d $WORK ]]; then
        if [[ ${BENCH_KEEP_WORKDIR:-0} == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
    fi
    exit "$rc"
}

# Start "$@" in its own session/process group so cleanup can kill it with all its children
# (nginx workers, a JVM under a launcher script) without touching anything else.
# Sets LAST_PID (not echoed: a $(...) subshell would lose the PIDS entry).
start_proc() {
    local logfile=$1; shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

# 0 if something already answers HTTP on the port: we must not benchmark a stranger.
port_busy() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }

# Poll until GET / on the port returns 200, the process dies, or the deadline passes.
wait_http() {
    local port=$1 pid=$2 deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/" || true) == 200 ]] && return 0
        kill -0 "$pid" 2>/dev/null || return 2
        sleep 0.2
    done
    return 1
}

# A proxy that always hits the same backend would not be doing the work we compare.
check_round_robin() {
    local name=$1 port=$2 bodies i
    bodies=$(for i in 1 2 3 4 5 6; do curl -s --max-time 2 "http://127.0.0.1:$port/"; done | sort -u | tr '\n' ' ')
    [[ $bodies == *"backend 1"*"backend 2"* ]] || log "WARNING: $name did not spread 6 requests over both backends (saw: $bodies)"
}

# ---------------------------------------------------------------- configs

nginx_common() {  # $1 = dir of this instance; keeps every path nginx writes inside it
    cat <<EOF
pid $1/nginx.pid;
error_log $1/error.log warn;
worker_rlimit_nofile $((IDLE + 8192));
events { worker_connections $((IDLE + 4096)); }
EOF
}

# nginx's temp dirs default to /var/lib/nginx; point them at the instance dir.
nginx_http_common() {
    cat <<EOF
    access_log off;
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
    # Default (1000) would make wrk reconnect every 1000 requests; Junction and HAProxy do
    # not cap requests per connection, so lift the cap for a like-for-like comparison.
    keepalive_requests 1000000;
EOF
}

write_backend_conf() {  # $1 = dir, $2 = port, $3 = number in body, $4 = optional file served as /bulk
    local bulk=""
    mkdir -p "$1/tmp"
    [[ -z ${4:-} ]] || bulk="location = /bulk { alias $4; default_type application/octet-stream; }"
    cat >"$1/nginx.conf" <<EOF
worker_processes 1;
$(nginx_common "$1")
http {
$(nginx_http_common "$1")
    server {
        listen 127.0.0.1:$2;
        $bulk
        location / { default_type text/plain; return 200 "backend $3\n"; }
    }
}
EOF
}

write_nginx_proxy_conf() {  # $1 = dir
    mkdir -p "$1/tmp"
    cat >"$1/nginx.conf" <<EOF
worker_processes $WORKERS;
$(nginx_common "$1")
http {
$(nginx_http_common "$1")
    upstream bench {
        server 127.0.0.1:${PORT[backend1]};
        server 127.0.0.1:${PORT[backend2]};
        keepalive 64;                    # idle upstream connections kept per worker
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:${PORT[nginx]};
        location / {
            proxy_pass http://bench;
            proxy_http_version 1.1;      # upstream keepalive needs 1.1 ...
            proxy_set_header Connection "";  # ... and no "Connection: close"
        }
    }
}
EOF
}

write_haproxy_conf() {  # $1 = dir
    cat >"$1/haproxy.cfg" <<EOF
global
    nbthread $WORKERS
    maxconn $((IDLE + 1024))
    no strict-limits                      # it wants two fds per connection; idle clients need one: warn, don't fail
    # no "log": access logging off, like the others

defaults
    mode http
    option http-keep-alive
    http-reuse always                    # share idle server connections (upstream keepalive)
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend bench
    bind 127.0.0.1:${PORT[haproxy]}
    default_backend bench

backend bench
    balance roundrobin
    server b1 127.0.0.1:${PORT[backend1]}
    server b2 127.0.0.1:${PORT[backend2]}
EOF
}

# Same content as bench/conf.d/bench.groovy, but with the configured ports.
write_junction_conf() {  # $1 = conf dir, $2 = port
    mkdir -p "$1"
    cat >"$1/bench.groovy" <<EOF
pool('bench') {
    balance 'round-robin'
    backend 'http://127.0.0.1:${PORT[backend1]}'
    backend 'http://127.0.0.1:${PORT[backend2]}'
}
http('bench', port: $2, bind: '127.0.0.1') {
    otherwise { forward 'bench' }
}
EOF
}

# ---------------------------------------------------------------- starting targets

start_nginx() {  # $1 = name (dir under WORK), $2 = port; config already written
    local dir=$WORK/$1 pid
    nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || die "$1: nginx config invalid"
    start_proc "$dir/stdout.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;'
    pid=$LAST_PID; SID[$1]=$pid
    wait_http "$2" "$pid" "$START_TIMEOUT" || die "$1 did not answer on :$2 ($(tail -3 "$dir/error.log" 2>/dev/null))"
    log "$1 up on 127.0.0.1:$2"
}

start_haproxy() {
    local dir=$WORK/haproxy pid
    mkdir -p "$dir"
    write_haproxy_conf "$dir"
    haproxy -c -q -f "$dir/haproxy.cfg" || die "haproxy config invalid"
    start_proc "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"   # -db: foreground
    pid=$LAST_PID; SID[haproxy]=$pid
    wait_http "${PORT[haproxy]}" "$pid" "$START_TIMEOUT" || die "haproxy did not answer ($(tail -3 "$dir/haproxy.log"))"
    log "haproxy up on 127.0.0.1:${PORT[haproxy]}"
}

start_junction_proc() {  # $1 = dir with conf.d/, $2 = engine, $3 = launcher (default: the checkout's bin/junction)
    start_proc "$1/junction.log" env -C "$ROOT" JAVA_OPTS="${JAVA_OPTS:-} -Djunction.http.engine=$2 -Djunction.admin.port=0" \
        "${3:-$ROOT/bin/junction}" run --conf "$1/conf.d"
}

# Junction may legitimately be absent or broken while it is being built; skip, don't fail.
start_junction() {  # $1 = target (junction, junction-own, junction-base), $2 = engine (undertow, own), $3 = launcher
    local t=$1 dir=$WORK/$1 pid rc=0 launcher=${3:-$ROOT/bin/junction}
    mkdir -p "$dir"
    if [[ ! -x $launcher ]]; then
        SKIP[$t]="$launcher not found"; return 0
    fi
    write_junction_conf "$dir/conf.d" "${PORT[$t]}"
    log "starting $t (engine $2; first run may build the distribution; up to ${JUNCTION_TIMEOUT}s)"
    start_junction_proc "$dir" "$2" "$launcher"
    pid=$LAST_PID; SID[$t]=$pid
    wait_http "${PORT[$t]}" "$pid" "$JUNCTION_TIMEOUT" || rc=$?
    case $rc in
        0) log "$t up on 127.0.0.1:${PORT[$t]}"; return 0 ;;
        2) wait "$pid" && rc=0 || rc=$?
           SKIP[$t]="exited (code $rc) before answering on :${PORT[$t]}" ;;
        *) SKIP[$t]="no 200 on :${PORT[$t]} within ${JUNCTION_TIMEOUT}s" ;;
    esac
    log "SKIPPED: $t: ${SKIP[$t]}"
    # A stack trace's last lines say little; show the first error lines, else the tail.
    log "$t log ($dir/junction.log):"
    { grep -m4 -E 'Exception|ERROR|[Ee]rror:|unbound' "$dir/junction.log" || tail -5 "$dir/junction.log"; } \
        | sed 's/^/    /' >&2 || true
    kill -TERM -- "-$pid" 2>/dev/null || true   # cleanup() escalates to KILL if needed
}

# The floor: a bare Undertow LoadBalancingProxyClient on the libraries of Junction's distribution.
start_undertow() {
    local dir=$WORK/undertow pid rc=0
    mkdir -p "$dir"
    if ! ls "$ROOT"/runtime/dist/target/junction/lib/undertow-core-*.jar >/dev/null 2>&1; then
        SKIP[undertow]="no distribution yet (run bin/junction once)"; log "SKIPPED: undertow: ${SKIP[undertow]}"; return 0
    fi
    start_proc "$dir/undertow.log" java -cp "$ROOT/runtime/dist/target/junction/lib/*" "$ROOT/bench/BareUndertowProxy.java" \
        "${PORT[undertow]}" "http://127.0.0.1:${PORT[backend1]}" "http://127.0.0.1:${PORT[backend2]}"
    pid=$LAST_PID; SID[undertow]=$pid
    wait_http "${PORT[undertow]}" "$pid" "$JUNCTION_TIMEOUT" || rc=$?
    if [[ $rc == 0 ]]; then log "undertow up on 127.0.0.1:${PORT[undertow]}"; return 0; fi
    SKIP[undertow]="no 200 on :${PORT[undertow]} (code $rc)"
    log "SKIPPED: undertow: ${SKIP[undertow]}"
    kill -TERM -- "-$pid" 2>/dev/null || true
}

start_all() {
    local t
    for t in backend1 backend2 "${TARGETS[@]}" launch; do
        [[ $t == backend ]] && continue
        port_busy "${PORT[$t]}" && die "port ${PORT[$t]} ($t) already answers HTTP; stop it or set BENCH_*_PORT"
    done
    head -c "$((BULK_MB * 1024 * 1024))" /dev/zero >"$WORK/bulk"
    write_backend_conf "$WORK/backend1" "${PORT[backend1]}" 1 "$WORK/bulk"
    write_backend_conf "$WORK/backend2" "${PORT[backend2]}" 2 "$WORK/bulk"
    start_nginx backend1 "${PORT[backend1]}"
    start_nginx backend2 "${PORT[backend2]}"
    SID[backend]=${SID[backend1]}
    for t in "${TARGETS[@]}"; do
        case $t in
            backend) ;;
            nginx) write_nginx_proxy_conf "$WORK/nginx"; start_nginx nginx "${PORT[nginx]}"; check_round_robin nginx "${PORT[nginx]}" ;;
            haproxy) start_haproxy; check_round_robin haproxy "${PORT[haproxy]}" ;;
            junction) start_junction junction undertow; [[ -n ${SKIP[junction]:-} ]] || check_round_robin junction "${PORT[junction]}" ;;
            junction-own) start_junction junction-own own; [[ -n ${SKIP[junction-own]:-} ]] || check_round_robin junction-own "${PORT[junction-own]}" ;;
            junction-base) start_junction junction-base own "${BENCH_BASE_DIST:-}/bin/junction"
                [[ -n ${SKIP[junction-base]:-} ]] || check_round_robin junction-base "${PORT[junction-base]}" ;;
            undertow) start_undertow; [[ -n ${SKIP[undertow]:-} ]] || check_round_robin undertow "${PORT[undertow]}" ;;
            *) die "unknown target '$t' in BENCH_TARGETS" ;;
        esac
    done
}

# ---------------------------------------------------------------- measuring

to_seconds() {  # wrk-style duration (10, 10s, 2m, 1h) -> whole seconds
    local d=$1
    case $d in
        *s) echo "${d%s}" ;; *m) echo $((${d%m} * 60)) ;; *h) echo $((${d%h} * 3600)) ;; *) echo "$d" ;;
    esac
}

# Run wrk against a target; raw output to $2. timeout bounds a wedged run.
# wrk runs in the background and we `wait` for it: bash skips an INT trap when the
# foreground child handled Ctrl-C itself and exited 0 (wrk does), but a trapped signal
# always interrupts `wait`. cleanup() kills WRK_PID if we are interrupted mid-run.
run_wrk() {  # $1 = port, $2 = output file, $3 = duration
    local secs rc=0; secs=$(to_seconds "$3")
    timeout -k 5 $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 5s --latency \
        "http://127.0.0.1:$1/" >"$2" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    return "$rc"
}

parse_rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }

parse_requests() { awk '/ requests in / {print $1}' "$1"; }   # "123456 requests in 10.00s, ..."

# CPU time (user + system, in clock ticks) used so far by every process of a session: all nginx workers, the
# HAProxy process, the JVM with all its threads (JIT and GC included: they are the price of the request path too).
cpu_ticks() {  # $1 = session id
    local pid total=0 stat f
    for pid in $(ps -o pid= -s "$1"); do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }   # the fields after "(comm)", which may hold spaces; utime, stime are fields 12, 13 of the rest
        read -ra f <<<"$stat"
        total=$((total + f[11] + f[12]))
    done
    echo "$total"
}

cpu_us_per_request() {  # $1 = ticks used, $2 = requests
    awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "" }'
}

parse_p99_ms() {  # wrk prints e.g. "99%    1.23ms" / "850.00us" / "1.02s"
    awk '$1 == "99%" {
        v = $2
        if (v ~ /us$/)      { sub(/us$/, "", v); v /= 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v) }
        else if (v ~ /m$/)  { sub(/m$/, "", v);  v *= 60000 }
        else if (v ~ /s$/)  { sub(/s$/, "", v);  v *= 1000 }
        printf "%.3f\n", v }' "$1"
}

# A proxy answering 502 very fast must not look like a fast proxy: count failures.
parse_errors() {
    awk '/Non-2xx or 3xx responses:/ {n += $NF}
         /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
         END {print n + 0}' "$1"
}

active_targets() {
    local t
    for t in "${TARGETS[@]}"; do [[ -n ${SKIP[$t]:-} ]] || echo "$t"; done
}

# CPU ticks the JVM's JIT compiler threads have used so far.
jit_ticks() {  # $1 = JVM pid
    local task comm stat total=0 f
    for task in /proc/"$1"/task/*; do   # read, not cat: a JVM has dozens of threads, and forks are slow on a busy machine
        read -r comm <"$task/comm" 2>/dev/null || continue
        [[ $comm == C[12]\ CompilerThre* ]] || continue
        read -r stat <"$task/stat" 2>/dev/null || continue
        read -ra f <<<"${stat##*) }"
        total=$((total + f[11] + f[12]))
    done
    echo "$total"
}

# We compare long-running servers at steady state, so the JVM gets a longer warm-up: until
# the JIT has compiled the hot path, Junction measures the compiler, not the proxy. On a loaded machine the
# compiler threads get less CPU and finish later, so a JVM is warmed up further, 5 s at a time, until its JIT
# used less than 2% of a CPU in the last of them (at most BENCH_JIT_SETTLE_RUNS more runs).
# Every target also serves the rounds' other shape, bulk downloads, twice before that: a JVM that first meets
# one mid-run throws away code compiled for small requests only and compiles it again in the next round
# (about 0.2 s of C2 time, that round's p99 up by half).
warm_up() {
    local t d i
    for t in $(active_targets); do
        d=$WARMUP; [[ $t == junction* || $t == undertow ]] && d=$JUNCTION_WARMUP
        log "warm-up $t ($d)"
        run_wrk "${PORT[$t]}" "$WORK/warmup-$t.txt" "$d" || log "WARNING: warm-up of $t failed"
        for ((i = 0; i < 2 && BULK_MB > 0; i++)); do
            bulk_mbps "${PORT[$t]}" >/dev/null
            run_wrk "${PORT[$t]}" "$WORK/warmup-$t.txt" 5s || true
        done
        [[ $t == junction* || $t == undertow ]] || continue
        settle_jit "$t" "${PORT[$t]}" "${SID[$t]}"
    done
}

settle_jit() {  # $1 = target name (for the log), $2 = its port, $3 = its JVM pid; bench/tcp.sh calls it too
    local i jit
    for ((i = 0; i < ${BENCH_JIT_SETTLE_RUNS:-12}; i++)); do
        jit=$(jit_ticks "$3")
        run_wrk "$2" "$WORK/warmup-$1.txt" 5s || true
        jit=$(($(jit_ticks "$3") - jit))
        ((jit * 100 >= 2 * 5 * $(getconf CLK_TCK))) || return 0
        log "warm-up $1: its JIT used $jit ticks in 5 s; 5 s more"
    done
}

# Interleave targets within each round and rotate the order between rounds, so a burst of
# noise from the shared machine, or thermal/turbo drift, does not land on one target only.
measure() {
    local active n r i t out rps p99 ticks cpu
    mapfile -t active < <(active_targets)
    n=${#active[@]}
    for ((r = 0; r < ROUNDS; r++)); do
        for ((i = 0; i < n; i++)); do
            t=${active[$(((i + r) % n))]}
            out=$WORK/round$((r + 1))-$t.txt
            ticks=$(cpu_ticks "${SID[$t]}")
            run_wrk "${PORT[$t]}" "$out" "$DURATION" || log "WARNING: wrk on $t exited non-zero"
            ticks=$(($(cpu_ticks "${SID[$t]}") - ticks))
            rps=$(parse_rps "$out"); p99=$(parse_p99_ms "$out")
            [[ -n $rps && -n $p99 ]] || { log "WARNING: no result for $t in round $((r + 1))"; continue; }
            RPS[$t]+="$rps "; P99[$t]+="$p99 "
            cpu=$(cpu_us_per_request "$ticks" "$(parse_requests "$out")")
            CPU[$t]+="$cpu "
            ERRS[$t]=$((${ERRS[$t]:-0} + $(parse_errors "$out")))
            log "round $((r + 1))/$ROUNDS $t: $rps req/s, p99 ${p99}ms, CPU ${cpu} us/request"
            cat "$out" >>"$WORK/raw.txt"
            ((BULK_MB == 0)) || measure_bulk "$t" "$((r + 1))"
        done
    done
}

# ---------------------------------------------------------------- bulk, idle connections, launch

bulk_mbps() {  # $1 = port -> MB/s of one download of /bulk; 0 when it came short
    curl -s -o /dev/null --max-time 120 -w '%{size_download} %{speed_download}' "http://127.0.0.1:$1/bulk" \
        | awk -v want="$((BULK_MB * 1024 * 1024))" '{ if ($1 != want) print "0"; else printf "%.0f", $2 / 1048576 }'
}

measure_bulk() {  # $1 = target, $2 = round
    local mbps; mbps=$(bulk_mbps "${PORT[$1]}")
    MBPS[$1]+="$mbps "
    log "round $2/$ROUNDS $1: bulk $mbps MB/s"
    echo "bulk round $2 $1: $mbps MB/s" >>"$WORK/raw.txt"
}

rss_kib() {  # $1 = session id -> resident KiB of every process in it (nginx master and workers)
    ps -o rss= -s "$1" | awk '{n += $1} END {print n + 0}'
}

# Stops a process group and waits (with a deadline) until it is gone, so its exit work is done.
stop_group() {  # $1 = process group leader, $2 = seconds it gets (default 10)
    local deadline=$((SECONDS + ${2:-10}))
    kill -TERM -- "-$1" 2>/dev/null || true
    while kill -0 -- "-$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    kill -KILL -- "-$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# RSS growth of the target while bench/HoldConnections.java holds idle keep-alive connections to it (bench/idle.sh),
# measured right after the target started: a process that served wrk rounds has already grown (a JVM's heap
# above all), so its growth would say little. For a JVM also the live heap per connection, which does not depend
# on how much heap the collector happened to commit.
measure_idle() {  # $1 = target
    local t=$1 jvm="" kib held heap
    [[ $t == junction* || $t == undertow ]] && jvm=${SID[$t]}   # the launchers exec the JVM: same pid
    read -r kib held heap < <(idle_kib_per_connection "${SID[$t]}" "${PORT[$t]}" "$WORK/idle-$t.txt" "$jvm")
    IDLE_KIB[$t]="$kib KiB${heap:+ (live heap $heap B)}"
    log "$t: $held idle connections: ${IDLE_KIB[$t]} each"
    echo "idle $t: ${IDLE_KIB[$t]} per connection with $held idle connections, fresh process" >>"$WORK/raw.txt"
}

# A JVM's main thread: the task named "java" that is not the launcher's first thread (that one only waits for it;
# every thread the JVM starts has a name of its own). Prints its CPU seconds and the seconds it spent runnable but
# waiting for a core (schedstat): a main thread that never waits otherwise is held up by the CPU, not by a lock or
# another thread, and on an idle machine that wait is Junction's own threads (JIT compilers above all).
main_thread_times() {  # $1 = pid of the JVM -> "cpu runq"
    local task
    for task in /proc/"$1"/task/*; do
        [[ ${task##*/} != "$1" && $(cat "$task/comm" 2>/dev/null) == java ]] || continue
        awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f ", ($12 + $13) / hz }' "$task/stat"
        awk '{ printf "%.2f\n", $2 / 1e9 }' "$task/schedstat"
        return 0
    done
    echo "0 0"
}

# The launch poller starts no process while it polls: a curl every 10 ms cost about 28 ms of CPU each here (the
# dynamic linking of libcurl), one of the two cores, which the launching JVM then waited for (the launch measured
# 1.6 s that way and 0.95 s with this poller, 2026-11-29). Bash's /dev/tcp sends the request, and `read -t` on a fifo
# that nobody writes (TICK_FD) waits between the tries.
first_status_line() {  # $1 = port; sets STATUS_LINE to the status line of GET / on it, empty while it refuses
    local fd
    STATUS_LINE=
    { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&"$fd" 2>/dev/null || true
    IFS= read -r -t 5 STATUS_LINE <&"$fd" || true
    exec {fd}<&-
}

# One Junction (own engine) from process start to its first 200; adds the seconds to LAUNCH[$2] and the CPU
# seconds the process had used by then (user + system, from /proc: far less dependent on the machine's load) to
# LAUNCH_CPU[$2], those of its main thread to LAUNCH_MAIN[$2] and that thread's wait for a core to LAUNCH_RUNQ[$2].
# Both launchers exec the JVM, so the pid is the JVM's at the end.
launch_once() {  # $1 = 1 to record the figure, $2 = launcher name (dist, checkout)
    local dir=$WORK/launch start pid elapsed cpu main runq launcher=$DIST/bin/junction
    [[ $2 == checkout ]] && launcher=$ROOT/bin/junction
    start=${EPOCHREALTIME/./}
    start_junction_proc "$dir" own "$launcher"
    pid=$LAST_PID
    trap '' PIPE   # a listener that closes while the poller writes must not end the script; the JVM started before
    while true; do
        first_status_line "${PORT[launch]}"
        elapsed=$(((${EPOCHREALTIME/./} - start) * 1000))
        if [[ $STATUS_LINE == "HTTP/1.1 200 "* ]]; then
            cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
            read -r main runq < <(main_thread_times "$pid")
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null || ((elapsed > JUNCTION_TIMEOUT * 1000000000)); then
            trap - PIPE
            log "WARNING: launch: no 200 on :${PORT[launch]} ($(tail -2 "$dir/junction.log" | tr '\n' ' '))"
            stop_group "$pid"; return 0
        fi
        read -r -t 0.01 -u "$TICK_FD" || true   # 10 ms
    done
    trap - PIPE
    # a JVM writing its class-data archive at exit takes seconds, far more on a loaded machine
    stop_group "$pid" 120
    [[ $1 == 1 ]] || return 0
    LAUNCH[$2]+="$(awk -v n="$elapsed" 'BEGIN { printf "%.3f", n / 1e9 }') "
    LAUNCH_CPU[$2]+="$cpu "
    LAUNCH_MAIN[$2]+="$main "
    LAUNCH_RUNQ[$2]+="$runq "
    echo "launch $2: $elapsed ns to the first 200, $cpu s CPU ($main s main thread, which waited $runq s for a core)," \
         "load $(cut -d' ' -f1 /proc/loadavg);" \
         "$(grep -o 'started .*' "$dir/junction.log" | head -1)" >>"$WORK/raw.txt"
}

# The checkout's bin/junction first checks that the distribution is built, then execs the distribution's launcher,
# which a tarball user runs directly: timing both, interleaved, separates that check from the JVM's own launch.
measure_launch() {
    local i l
    write_junction_conf "$WORK/launch/conf.d" "${PORT[launch]}"
    mkfifo "$WORK/tick"
    exec {TICK_FD}<>"$WORK/tick"
    log "launch: one unmeasured start (it may write the class-data archive and compile the script), then $LAUNCHES timed per launcher"
    launch_once 0 dist
    for ((i = 1; i <= LAUNCHES; i++)); do
        for l in dist checkout; do launch_once 1 "$l"; done
    done
    log "launch to first answer (s): distribution ${LAUNCH[dist]:-}; checkout ${LAUNCH[checkout]:-}"
}

# ---------------------------------------------------------------- reporting

median() {  # space-separated numbers -> median (mean of the middle two when even)
    tr -s ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR] = $1} END {
        if (NR == 0) exit 1
        if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

list_commas() { local s=${1% }; echo "${s// /, }"; }  # "1 2 3 " -> "1, 2, 3"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# CPU per request of each Junction target over each peer's (below 1: less CPU than the peer for the same work).
cpu_ratios() {
    local t peer
    for t in junction-own junction-base junction; do
        [[ -n ${CPU[$t]:-} ]] || continue
        for peer in nginx haproxy junction-base; do
            [[ $peer != "$t" && -n ${CPU[$peer]:-} ]] || continue
            echo "$t/$peer CPU per request: $(ratio "$(median "${CPU[$t]}")" "$(median "${CPU[$peer]}")")"
        done
    done
}

# Markdown table on stdout; the ratios in the last lines.
report() {
    local base="" t med p rps_list
    [[ -n ${RPS[nginx]:-} ]] && base=$(median "${RPS[nginx]}")
    echo "## Junction bench $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS round(s), warm-up $WARMUP (junction $JUNCTION_WARMUP);" \
         "bulk $BULK_MB MB; $IDLE idle connections; proxy workers/threads: $WORKERS; $(nproc) CPUs; load before run: $LOAD_BEFORE"
    echo "$(nginx -v 2>&1 | sed 's/.*: //'), $(haproxy -v | head -1 | awk '{print "HAProxy " $3}'), $(wrk -v 2>&1 | head -1 | awk '{print "wrk " $2}')"
    echo
    echo "| target | median req/s | median p99 (ms) | req/s vs nginx | median CPU µs/request | runs (CPU µs/request) | errors | runs (req/s) | median bulk MB/s | runs (MB/s) | RSS per idle connection |"
    echo "|---|---:|---:|---:|---:|---|---:|---|---:|---|---|"
    for t in "${TARGETS[@]}"; do
        if [[ -n ${SKIP[$t]:-} ]]; then
            echo "| $t | SKIPPED: ${SKIP[$t]} | | | | | | | | | |"; continue
        fi
        rps_list=${RPS[$t]:-}
        if [[ -z $rps_list ]]; then echo "| $t | no data | | | | | | | | | |"; continue; fi
        med=$(median "$rps_list"); p=$(median "${P99[$t]}")
        printf '| %s | %.0f | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$med" "$p" \
            "$(ratio "$med" "${base:-0}")" "$(median "${CPU[$t]:-}" || true)" "$(list_commas "${CPU[$t]:-}")" \
            "${ERRS[$t]:-0}" "$(list_commas "$rps_list")" \
            "$(median "${MBPS[$t]:-}" || true)" "$(list_commas "${MBPS[$t]:-}")" "${IDLE_KIB[$t]:-}"
    done
    echo
    if [[ -n ${LAUNCH[dist]:-} && -n ${LAUNCH[checkout]:-} ]]; then
        echo "junction-own JVM start to first answer (distribution's bin/junction): median $(median "${LAUNCH[dist]}") s," \
             "$(median "${LAUNCH_CPU[dist]}") s CPU, $(median "${LAUNCH_MAIN[dist]}") s of it the main thread's, which waited" \
             "$(median "${LAUNCH_RUNQ[dist]}") s for a core (runs: $(list_commas "${LAUNCH[dist]}"))"
        echo "checkout's bin/junction to first answer: median $(median "${LAUNCH[checkout]}") s (runs: $(list_commas "${LAUNCH[checkout]}"));" \
             "its up-to-date check: $(awk -v a="$(median "${LAUNCH[checkout]}")" -v b="$(median "${LAUNCH[dist]}")" 'BEGIN { printf "%.3f", a - b }') s (difference of the medians)"
    fi
    if [[ -n ${RPS[junction]:-} && -n ${RPS[undertow]:-} ]]; then
        echo "junction/undertow ratio: $(ratio "$(median "${RPS[junction]}")" "$(median "${RPS[undertow]}")")"
    fi
    if [[ -n ${RPS[junction-own]:-} && -n ${RPS[junction]:-} ]]; then
        echo "junction-own/junction ratio: $(ratio "$(median "${RPS[junction-own]}")" "$(median "${RPS[junction]}")")"
    fi
    if [[ -n ${RPS[junction-own]:-} && -n ${RPS[haproxy]:-} ]]; then
        echo "junction-own/haproxy ratio: $(ratio "$(median "${RPS[junction-own]}")" "$(median "${RPS[haproxy]}")")"
    fi
    for t in haproxy nginx; do
        if [[ -n ${MBPS[junction-own]:-} && -n ${MBPS[$t]:-} ]]; then
            echo "junction-own/$t bulk ratio: $(ratio "$(median "${MBPS[junction-own]}")" "$(median "${MBPS[$t]}")")"
        fi
    done
    cpu_ratios
    for t in junction-own junction undertow haproxy; do
        if [[ -n ${SKIP[$t]:-} ]]; then echo "$t/nginx ratio: n/a (SKIPPED: ${SKIP[$t]})"
        elif [[ -n ${RPS[$t]:-} && -n $base ]]; then echo "$t/nginx ratio: $(ratio "$(median "${RPS[$t]}")" "$base")"
        else echo "$t/nginx ratio: n/a (not measured)"; fi
    done
}

main() {
    ensure_tools
    trap cleanup EXIT
    trap 'exit 130' INT      # exit runs the EXIT trap, so Ctrl-C still cleans up
    trap 'exit 143' TERM
    idle_prepare   # the idle-connection holder and the proxies hold IDLE sockets each
    WORK=$(mktemp -d -t junction-bench.XXXXXX)
    # As root nginx workers run as "nobody"; they must be able to reach their temp dirs.
    chmod 755 "$WORK"
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    log "work dir $WORK; targets: ${TARGETS[*]}"

    start_all
    [[ -n $(active_targets) ]] || die "nothing to measure"
    if ((IDLE > 0)); then   # first, while every target is a fresh process
        for t in $(active_targets); do [[ $t == backend ]] || measure_idle "$t"; done
    fi
    warm_up
    measure
    if ((LAUNCHES > 0)) && [[ -x $DIST/bin/junction ]]; then measure_launch; fi

    mkdir -p "$RESULTS_DIR"
    report | tee "$RESULTS_DIR/latest.md"
    cp "$WORK/raw.txt" "$RESULTS_DIR/latest-raw.txt" 2>/dev/null || true
    log "wrote $RESULTS_DIR/latest.md (raw wrk output: latest-raw.txt)"
}

# bench/tcp.sh sources this file for its helpers and runs its own main.
[[ ${BASH_SOURCE[0]} != "$0" ]] || main "$@"
