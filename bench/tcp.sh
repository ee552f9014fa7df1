#!/usr/bin/env bash
# TCP (L4) benchmark: Junction's tcp listener vs HAProxy `mode tcp` vs nginx `stream`, side by side, forwarding to
# the same nginx HTTP origin on loopback. Three figures per proxy, each the median of its rounds:
#   - small requests: wrk through the proxy (keep-alive HTTP to the origin, bytes untouched by the proxy);
#   - bulk: one 512 MB download through the proxy (curl), in MB/s;
#   - memory per idle connection: RSS growth of the proxy's processes while 10,000 connections through it are
#     idle (one request each), divided by their number (bench/idle.sh), measured once the warm-up is done; for
#     Junction also the growth of its live heap (what the connections hold, whatever heap the JVM committed);
#   - CPU the proxy used (utime + stime of all its processes and threads, from /proc) per small request and per MiB
#     of the bulk transfer: unlike req/s and MB/s these do not drop when other work loads the machine.
# Everything runs on 127.0.0.1 from a private work dir; helpers and cleanup come from bench/run.sh.
#   BENCH_DURATION=10s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=3 BENCH_WORKERS=2 BENCH_BULK_MB=512
#   BENCH_JUNCTION_WARMUP=15s  wrk run per proxy before the idle phase; a JVM then runs 5 s more at a time until its
#                         JIT compiler is idle (at most BENCH_JIT_SETTLE_RUNS=12 more: bench/run.sh's settle_jit)
#   BENCH_IDLE=10000 BENCH_IDLE_ROUNDS=1 (later rounds reuse memory the first one made the process take)
#   BENCH_PORT_OFFSET=0   added to every port (20201.. with 1000), so two benches can run side by side
#   BENCH_BASE_DIST=      an unpacked distribution (a copy of runtime/dist/target/junction of another commit) run as
#                         a fourth proxy, junction-tcp-base, for an A/B of two builds in one run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

BULK_MB=${BENCH_BULK_MB:-512}
IDLE_ROUNDS=${BENCH_IDLE_ROUNDS:-1}
OFFSET=${BENCH_PORT_OFFSET:-0}
declare -A TCP_PORT=([origin]=$((19201 + OFFSET)) [nginx-stream]=$((19280 + OFFSET)) [haproxy-tcp]=$((19281 + OFFSET))
                     [junction-tcp]=$((19282 + OFFSET)) [junction-tcp-base]=$((19283 + OFFSET)))
PROXIES=(nginx-stream haproxy-tcp junction-tcp)
[[ -z ${BENCH_BASE_DIST:-} ]] || PROXIES+=(junction-tcp-base)
declare -A BULK=()
declare -A IDLE=()    # proxy -> KiB per idle connection, one per round
declare -A IDLE_HEAP=()  # proxy (a JVM) -> live heap bytes per idle connection, one per round
declare -A CPU_REQ=()    # proxy -> CPU µs per small request, one per round
declare -A CPU_MIB=()    # proxy -> CPU ms per MiB of the bulk transfer, one per round
declare -A GROUP=()   # proxy -> its process group, for RSS

# nginx's stream module is a separate Debian package; load it from wherever this nginx keeps its modules.
stream_module() {
    local so
    so=$(ls /usr/lib/nginx/modules/ngx_stream_module.so /usr/share/nginx/modules/ngx_stream_module.so 2>/dev/null | head -1 || true)
    if [[ -z $so ]] && nginx -V 2>&1 | grep -q -- '--with-stream=dynamic'; then
        [[ $EUID -eq 0 ]] || die "nginx needs libnginx-mod-stream; install it or run as root"
        log "installing libnginx-mod-stream"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-stream >/dev/null
        so=/usr/lib/nginx/modules/ngx_stream_module.so
    fi
    [[ -z $so ]] || echo "load_module $so;"
}

# Each idle connection through a proxy is one more connection at the origin and two in the proxy.
enough_connections() {  # $1 = nginx.conf
    sed -i "s/worker_connections [0-9]*;/worker_connections $((2 * IDLE_COUNT + 512));/
            s/^worker_rlimit_nofile [0-9]*;/worker_rlimit_nofile $(ulimit -n);/" "$1"
}

write_origin_conf() {  # $1 = dir; GET / is a tiny answer, GET /bulk the 512 MB file
    write_backend_conf "$1" "${TCP_PORT[origin]}" 1
    enough_connections "$1/nginx.conf"
    head -c "$((BULK_MB * 1024 * 1024))" /dev/zero >"$1/bulk"
    sed -i "s|location / {|location = /bulk { alias $1/bulk; default_type application/octet-stream; }\n        location / {|" "$1/nginx.conf"
}

write_stream_conf() {  # $1 = dir
    mkdir -p "$1/tmp"
    cat >"$1/nginx.conf" <<CONF
$(stream_module)
worker_processes $WORKERS;
$(nginx_common "$1")
stream {
    server {
        listen 127.0.0.1:${TCP_PORT[nginx-stream]};
        proxy_pass 127.0.0.1:${TCP_PORT[origin]};
    }
}
CONF
    enough_connections "$1/nginx.conf"
}

write_haproxy_tcp_conf() {  # $1 = dir
    cat >"$1/haproxy.cfg" <<CONF
global
    nbthread $WORKERS
    maxconn $((IDLE_COUNT + 100))
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen bench
    bind 127.0.0.1:${TCP_PORT[haproxy-tcp]}
    server origin 127.0.0.1:${TCP_PORT[origin]}
CONF
}

write_junction_tcp_conf() {  # $1 = conf dir, $2 = proxy (its port)
    mkdir -p "$1"
    cat >"$1/bench.groovy" <<CONF
pool('origin') {
    backend 'tcp://127.0.0.1:${TCP_PORT[origin]}'
}
tcp('bench', port: ${TCP_PORT[$2]}, bind: '127.0.0.1') { forward 'origin' }
CONF
}

start_junction_tcp() {  # $1 = proxy (junction-tcp, junction-tcp-base), $2 = launcher
    local dir=$WORK/$1
    write_junction_tcp_conf "$dir/conf.d" "$1"
    start_proc "$dir/junction.log" env -C "$ROOT" JAVA_OPTS="${JAVA_OPTS:-} -Djunction.admin.port=0" \
        "$2" run --conf "$dir/conf.d"
    GROUP[$1]=$LAST_PID
    wait_http "${TCP_PORT[$1]}" "$LAST_PID" "$JUNCTION_TIMEOUT" || die "$1 did not answer ($(tail -3 "$dir/junction.log"))"
}

start_tcp_all() {
    local dir
    for t in origin "${PROXIES[@]}"; do
        port_busy "${TCP_PORT[$t]}" && die "port ${TCP_PORT[$t]} ($t) is already in use"
    done
    dir=$WORK/origin; write_origin_conf "$dir"; start_nginx origin "${TCP_PORT[origin]}"
    dir=$WORK/nginx-stream; write_stream_conf "$dir"; start_nginx nginx-stream "${TCP_PORT[nginx-stream]}"
    GROUP[nginx-stream]=$LAST_PID
    dir=$WORK/haproxy-tcp; mkdir -p "$dir"; write_haproxy_tcp_conf "$dir"
    start_proc "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"
    GROUP[haproxy-tcp]=$LAST_PID
    wait_http "${TCP_PORT[haproxy-tcp]}" "$LAST_PID" "$START_TIMEOUT" \
        || die "haproxy-tcp did not answer ($(tail -3 "$dir/haproxy.log"))"
    start_junction_tcp junction-tcp "$ROOT/bin/junction"
    [[ -z ${BENCH_BASE_DIST:-} ]] || start_junction_tcp junction-tcp-base "$BENCH_BASE_DIST/bin/junction"
    log "all up: ${PROXIES[*]} -> origin :${TCP_PORT[origin]}"
}

CLOCK_TICKS=$(getconf CLK_TCK)

group_cpu_ticks() {  # $1 = process group -> utime + stime (clock ticks) of its processes, every thread included
    local pid stat fields total=0
    for pid in $(ps -e -o pid=,pgid= | awk -v group="$1" '$2 == group { print $1 }'); do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        read -ra fields <<<"${stat##*) }"   # the command name may hold spaces; fields 14 and 15 follow it
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}

per_unit() {  # $1 = clock ticks, $2 = units, $3 = scale (1e6 for µs, 1e3 for ms) -> CPU per unit
    awk -v t="$1" -v n="$2" -v hz="$CLOCK_TICKS" -v scale="$3" 'BEGIN { if (n > 0) printf "%.2f", t / hz * scale / n; else print "0" }'
}

parse_requests() { awk '/ requests in / { print $1 }' "$1"; }

bulk_mbps() {  # $1 = port -> MB/s of one download of /bulk
    curl -s -o /dev/null --max-time 120 -w '%{size_download} %{speed_download}' "http://127.0.0.1:$1/bulk" \
        | awk -v want="$((BULK_MB * 1024 * 1024))" '{ if ($1 != want) print "0"; else printf "%.0f", $2 / 1048576 }'
}

measure_idle() {
    local round t i kib held heap
    for ((round = 1; round <= IDLE_ROUNDS; round++)); do
        for ((i = 0; i < ${#PROXIES[@]}; i++)); do
            t=${PROXIES[$(((i + round) % ${#PROXIES[@]}))]}
            read -r kib held heap < <(idle_kib_per_connection "${GROUP[$t]}" "${TCP_PORT[$t]}" "$WORK/idle$round-$t.txt" \
                "$(jvm_pid "$t")")
            IDLE[$t]+="$kib "
            [[ -z ${heap:-} ]] || IDLE_HEAP[$t]+="$heap "
            log "idle round $round $t: $kib KiB per connection ($held idle connections)${heap:+, $heap live heap bytes each}"
            echo "idle round $round $t: $kib KiB per connection, $held connections${heap:+, $heap live heap bytes each}" >>"$WORK/raw.txt"
        done
    done
}

# A JVM is measured at steady state, its JIT compiler idle, as in bench/run.sh: otherwise its first rounds measure
# the compiler too (they drifted down 21.5 -> 19.9 µs per request before this).
settle_jvms() {
    local t
    for t in "${PROXIES[@]}"; do
        [[ -z $(jvm_pid "$t") ]] || settle_jit "$t" "${TCP_PORT[$t]}" "$(jvm_pid "$t")"
    done
}

jit_cpu_ticks() {  # $1 = proxy -> CPU ticks its JIT compiler threads used so far (0 for a proxy that is no JVM)
    if [[ -n $(jvm_pid "$1") ]]; then jit_ticks "$(jvm_pid "$1")"; else echo 0; fi
}

jvm_pid() {  # $1 = proxy -> the pid of its JVM (bin/junction execs java in the group leader), empty for the others
    [[ $1 != junction-tcp* ]] || echo "${GROUP[$1]}"
}

measure_tcp() {
    local round t i out mbps ticks small_ticks bulk_ticks jit
    for ((round = 1; round <= ROUNDS; round++)); do
        for ((i = 0; i < ${#PROXIES[@]}; i++)); do   # order rotated each round
            t=${PROXIES[$(((i + round) % ${#PROXIES[@]}))]}
            out=$WORK/round$round-$t.txt
            ticks=$(group_cpu_ticks "${GROUP[$t]}")
            jit=$(jit_cpu_ticks "$t")
            run_wrk "${TCP_PORT[$t]}" "$out" "$DURATION" || log "WARNING: wrk on $t failed"
            small_ticks=$(($(group_cpu_ticks "${GROUP[$t]}") - ticks))
            jit=$(($(jit_cpu_ticks "$t") - jit))
            ticks=$(group_cpu_ticks "${GROUP[$t]}")
            mbps=$(bulk_mbps "${TCP_PORT[$t]}")
            bulk_ticks=$(($(group_cpu_ticks "${GROUP[$t]}") - ticks))
            RPS[$t]+="$(parse_rps "$out") "
            BULK[$t]+="$mbps "
            CPU_REQ[$t]+="$(per_unit "$small_ticks" "$(parse_requests "$out")" 1e6) "
            # a download that came short (0 MB/s) has no figure per MiB
            [[ $mbps == 0 ]] || CPU_MIB[$t]+="$(per_unit "$bulk_ticks" "$BULK_MB" 1e3) "
            log "round $round $t: $(parse_rps "$out") req/s, $mbps MB/s, CPU $small_ticks + $bulk_ticks ticks" \
                "(JIT compiler during the small requests: $jit ticks)"
            cat "$out" >>"$WORK/raw.txt"
        done
    done
}

# $1 = name of an array of figures per proxy, $2 = head (best first: -g for least, -rg for most) -> the peers' best median
best_peer() {
    local -n figures=$1
    printf '%s\n' "$(median "${figures[nginx-stream]:-}")" "$(median "${figures[haproxy-tcp]:-}")" | sort "$2" | head -1
}

report_tcp() {
    local t
    echo "## TCP listeners ($(date -u +%Y-%m-%d), ${ROUNDS} rounds, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, ${BULK_MB} MB bulk, load before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| proxy | req/s (median) | rounds | CPU µs per request (median) | rounds | bulk MB/s (median) | rounds | CPU ms per MiB (median) | rounds | KiB per idle connection (median of $IDLE_COUNT) | rounds | live heap bytes per idle connection |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for t in "${PROXIES[@]}"; do
        echo "| $t | $(median "${RPS[$t]}") | $(list_commas "${RPS[$t]}") | $(median "${CPU_REQ[$t]}") | $(list_commas "${CPU_REQ[$t]}") |" \
             "$(median "${BULK[$t]}") | $(list_commas "${BULK[$t]}") | $(median "${CPU_MIB[$t]:-}" || true) | $(list_commas "${CPU_MIB[$t]:-}") |" \
             "$(median "${IDLE[$t]:-}") | $(list_commas "${IDLE[$t]:-}") | $(median "${IDLE_HEAP[$t]:-}" || true) |"
    done
    echo
    echo "junction-tcp / faster of nginx-stream and haproxy-tcp: req/s $(ratio "$(median "${RPS[junction-tcp]}")" "$(best_peer RPS -rg)"), bulk $(ratio "$(median "${BULK[junction-tcp]}")" "$(best_peer BULK -rg)") (>= 1 is as fast; depends on the load)"
    echo "junction-tcp / cheaper of nginx-stream and haproxy-tcp: CPU per request $(ratio "$(median "${CPU_REQ[junction-tcp]}")" "$(best_peer CPU_REQ -g)"), CPU per MiB $(ratio "$(median "${CPU_MIB[junction-tcp]:-}" || true)" "$(best_peer CPU_MIB -g)") (<= 1 is as cheap)"
    echo "junction-tcp / lighter of nginx-stream and haproxy-tcp: memory per idle connection $(ratio "$(median "${IDLE[junction-tcp]:-}")" "$(best_peer IDLE -g)") (<= 1 is as light)"
    [[ -z ${BENCH_BASE_DIST:-} ]] || echo "junction-tcp / junction-tcp-base: CPU per request $(ratio "$(median "${CPU_REQ[junction-tcp]}")" "$(median "${CPU_REQ[junction-tcp-base]}")"), CPU per MiB $(ratio "$(median "${CPU_MIB[junction-tcp]:-}" || true)" "$(median "${CPU_MIB[junction-tcp-base]:-}" || true)"), memory per idle connection $(ratio "$(median "${IDLE[junction-tcp]:-}")" "$(median "${IDLE[junction-tcp-base]:-}")")"
}

tcp_main() {
    local t
    ensure_tools
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK=$(mktemp -d -t junction-tcp-bench.XXXXXX)
    chmod 755 "$WORK"
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    idle_prepare
    start_tcp_all
    for t in "${PROXIES[@]}"; do
        run_wrk "${TCP_PORT[$t]}" "$WORK/warmup-$t.txt" "$JUNCTION_WARMUP" || true
        # the bulk path too (full send buffers, partial writes): its first run made the JIT recompile the small
        # requests' path in the round after it
        ((BULK_MB == 0)) || bulk_mbps "${TCP_PORT[$t]}" >/dev/null
    done
    settle_jvms
    if ((IDLE_COUNT > 0)); then
        measure_idle
        settle_jvms   # the idle phase's 10,000 connects may have given the JIT new work
    fi
    measure_tcp
    mkdir -p "$RESULTS_DIR"
    report_tcp | tee "$RESULTS_DIR/tcp-latest.md"
    cp "$WORK/raw.txt" "$RESULTS_DIR/tcp-latest-raw.txt"
}

tcp_main "$@"
