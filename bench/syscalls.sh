#!/usr/bin/env bash
# Syscalls per proxied request and per MiB of bulk, for nginx, HAProxy and Junction on the same backends.
#
# Counts do not depend on the machine's load the way req/s does, so this runs on a busy machine too. Per target,
# after an unmeasured warm-up: `strace -c` attached to the proxy's request threads (nginx workers; HAProxy's
# threads; Junction's event loops `junction-io-*`, which serve its http and its tcp listeners), then
#   - small: $BENCH_DURATION of wrk -t1 -c$BENCH_CONNECTIONS keep-alive GET / in steady state (connections open
#     before and after the window, wrk stopped at both ends; requests counted by the backends' stub_status);
#   - bulk: one curl download of the $BENCH_BULK_MB MB /bulk.
# The table gives syscalls per request and per MiB, grouped, and bytes per read of the bulk run.
# Backends, configs and cleanup are bench/run.sh's (its helpers are sourced); tcp targets forward to backend 1.
#
#   BENCH_TARGETS="nginx haproxy junction-own"   also: haproxy-tcp nginx-stream junction-tcp
#   BENCH_DURATION=5s BENCH_CONNECTIONS=64 BENCH_WARMUP=5s BENCH_JUNCTION_WARMUP=10s BENCH_BULK_MB=512
#   BENCH_PORT_OFFSET=0   added to every port of bench/run.sh (and 19280.. for the tcp targets)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

read -ra TRACED <<<"${BENCH_TARGETS:-nginx haproxy junction-own}"
DURATION=${BENCH_DURATION:-5s}
THREADS=1
JUNCTION_WARMUP=${BENCH_JUNCTION_WARMUP:-10s}
PORT[nginx-stream]=$((19280 + OFFSET))
PORT[haproxy-tcp]=$((19281 + OFFSET))
PORT[junction-tcp]=$((19282 + OFFSET))
declare -A ROW=()

write_junction_both_conf() {  # $1 = conf dir: the bench's http listener and a tcp listener to backend 1
    write_junction_conf "$1" "${PORT[junction-own]}"
    cat >>"$1/bench.groovy" <<EOF
pool('origin') {
    backend 'tcp://127.0.0.1:${PORT[backend1]}'
}
tcp('bench-tcp', port: ${PORT[junction-tcp]}, bind: '127.0.0.1') { forward 'origin' }
EOF
}

start_traced() {
    local t dir
    for t in backend1 backend2 "${TRACED[@]}"; do
        port_busy "${PORT[$t]}" && die "port ${PORT[$t]} ($t) already answers HTTP; set BENCH_PORT_OFFSET"
    done
    head -c "$((BULK_MB * 1024 * 1024))" /dev/zero >"$WORK/bulk"
    write_backend_conf "$WORK/backend1" "${PORT[backend1]}" 1 "$WORK/bulk"
    write_backend_conf "$WORK/backend2" "${PORT[backend2]}" 2 "$WORK/bulk"
    sed -i 's|location / {|location = /status { stub_status; }\n        location / {|' "$WORK"/backend[12]/nginx.conf
    start_nginx backend1 "${PORT[backend1]}"
    start_nginx backend2 "${PORT[backend2]}"
    for t in "${TRACED[@]}"; do
        case $t in
            nginx) write_nginx_proxy_conf "$WORK/nginx"; start_nginx nginx "${PORT[nginx]}" ;;
            haproxy) start_haproxy ;;
            nginx-stream)
                dir=$WORK/nginx-stream; mkdir -p "$dir/tmp"
                printf '%s\nworker_processes %s;\n%s\nstream { server { listen 127.0.0.1:%s; proxy_pass 127.0.0.1:%s; } }\n' \
                    "$(ls /usr/lib/nginx/modules/ngx_stream_module.so 2>/dev/null | sed 's/^/load_module /; s/$/;/')" \
                    "$WORKERS" "$(nginx_common "$dir")" "${PORT[nginx-stream]}" "${PORT[backend1]}" >"$dir/nginx.conf"
                start_nginx nginx-stream "${PORT[nginx-stream]}" ;;
            haproxy-tcp)
                dir=$WORK/haproxy-tcp; mkdir -p "$dir"
                printf 'global\n    nbthread %s\ndefaults\n    mode tcp\n    timeout connect 5s\n    timeout client 60s\n    timeout server 60s\nlisten bench\n    bind 127.0.0.1:%s\n    server b1 127.0.0.1:%s\n' \
                    "$WORKERS" "${PORT[haproxy-tcp]}" "${PORT[backend1]}" >"$dir/haproxy.cfg"
                start_proc "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"; SID[$t]=$LAST_PID
                wait_http "${PORT[$t]}" "$LAST_PID" "$START_TIMEOUT" || die "haproxy-tcp did not answer" ;;
            junction-own | junction-tcp)
                [[ -z ${SID[junction-own]:-} ]] || { SID[$t]=${SID[junction-own]}; continue; }
                dir=$WORK/junction; write_junction_both_conf "$dir/conf.d"
                start_junction_proc "$dir" own; SID[junction-own]=$LAST_PID; SID[$t]=$LAST_PID
                wait_http "${PORT[junction-own]}" "$LAST_PID" "$JUNCTION_TIMEOUT" \
                    || die "junction did not answer ($(tail -3 "$dir/junction.log"))" ;;
            *) die "unknown target '$t' in BENCH_TARGETS" ;;
        esac
    done
}

# The threads that serve requests: tracing the JVM's compiler, GC and timer threads would count work that does
# not follow requests.
traced_tids() {  # $1 = target
    local pid
    case $1 in
        nginx | nginx-stream) pgrep -P "${SID[$1]}" ;;     # the workers, not the master
        haproxy | haproxy-tcp) ls "/proc/${SID[$1]}/task" ;;
        junction-own | junction-tcp)
            pid=$(pgrep -s "${SID[$1]}" java | head -1)
            for task in /proc/"$pid"/task/*; do
                case $(cat "$task/comm") in
                    junction-io-*) basename "$task" ;;
                esac
            done || true ;;
    esac
}

# Attaches strace -c to the target's threads (summary to $2 once detached); sets STRACE_PID.
trace_start() {  # $1 = target, $2 = summary file
    local t=$1 tid deadline args=()
    for tid in $(traced_tids "$t"); do args+=(-p "$tid"); done
    ((${#args[@]} > 0)) || die "$t: no threads to trace"
    strace -c -q -o "$2" "${args[@]}" &
    STRACE_PID=$!
    deadline=$((SECONDS + 10))
    for tid in $(traced_tids "$t"); do   # attached once the kernel names strace the thread's tracer
        until [[ $(awk '/^TracerPid:/ {print $2}' "/proc/$tid/status" 2>/dev/null) == "$STRACE_PID" ]]; do
            ((SECONDS < deadline)) || die "$t: strace did not attach"
            sleep 0.05
        done
    done
}

trace_stop() {
    kill -INT "$STRACE_PID"
    wait "$STRACE_PID" || true
}

# Requests both backends have answered so far (nginx stub_status; each reading counts itself).
backend_requests() {
    local port n=0
    for port in "${PORT[backend1]}" "${PORT[backend2]}"; do
        n=$((n + $(curl -s --max-time 2 "http://127.0.0.1:$port/status" | awk 'NR == 3 {print $3}')))
    done
    echo "$n"
}

# Waits until the backends answer no more requests (wrk is stopped; what was in flight has come back).
settled() {
    local last now
    last=$(backend_requests)
    while true; do
        sleep 0.5
        now=$(backend_requests)
        ((now == last + 2)) && return 0   # only the two status readings themselves
        last=$now
    done
}

# Steady state only: wrk's connections are open before strace attaches and still open when it detaches, and wrk
# is stopped (SIGSTOP) at both ends of the window, so the requests traced are exactly those the backends answered
# in it (their stub_status), with no connection setup or teardown among them.
small_window() {  # $1 = target; sets REQUESTS: those proxied while traced
    local t=$1 secs before start end deadline
    secs=$(to_seconds "$DURATION")
    before=$(backend_requests)
    wrk -t1 -c"$CONNECTIONS" -d"$((secs + 120))s" --timeout 60s "http://127.0.0.1:${PORT[$t]}/" >/dev/null 2>&1 &
    WRK_PID=$!
    deadline=$((SECONDS + 30))
    until (($(backend_requests) - before > 10 * CONNECTIONS)); do   # every connection is up and busy
        ((SECONDS < deadline)) || die "$t: wrk got no answers"
        sleep 0.1
    done
    kill -STOP "$WRK_PID"; settled
    trace_start "$t" "$WORK/small-$t.strace"
    start=$(backend_requests)
    kill -CONT "$WRK_PID"
    sleep "$secs"   # the measured window, not a wait for an event
    kill -STOP "$WRK_PID"; settled
    end=$(backend_requests)
    trace_stop
    kill -CONT "$WRK_PID"; kill -INT "$WRK_PID"; wait "$WRK_PID" || true; WRK_PID=""
    REQUESTS=$((end - start - 1))
}

# strace -c summary -> "reads writes epoll_wait epoll_ctl other total" (calls)
summarize() {
    awk '$NF == "total" { next }
         $4 ~ /^[0-9]+$/ {
             n = $4; name = $NF
             if (name ~ /^(read|readv|recvfrom|recvmsg)$/) r += n
             else if (name ~ /^(write|writev|sendto|sendmsg|sendfile|splice)$/) w += n
             else if (name ~ /^epoll_(p)?wait$/) e += n
             else if (name == "epoll_ctl") c += n
             else o += n
             t += n }
         END { printf "%d %d %d %d %d %d\n", r, w, e, c, o, t }' "$1"
}

per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

measure_target() {  # $1 = target
    local t=$1 port=${PORT[$1]} requests r w e c o total mib bulk_reads
    run_wrk "$port" "$WORK/warmup-$t.txt" "$([[ $t == junction* ]] && echo "$JUNCTION_WARMUP" || echo "$WARMUP")" || true
    small_window "$t"; requests=$REQUESTS
    read -r r w e c o total < <(summarize "$WORK/small-$t.strace")
    ROW[$t]="| $t | $requests | $(per "$r" "$requests") | $(per "$w" "$requests") | $(per "$e" "$requests") | $(per "$c" "$requests") | $(per "$o" "$requests") | **$(per "$total" "$requests")** |"
    log "$t: $total syscalls for $requests requests"
    ((BULK_MB > 0)) || return 0
    trace_start "$t" "$WORK/bulk-$t.strace"
    curl -s -o /dev/null --max-time 300 "http://127.0.0.1:$port/bulk"
    trace_stop
    read -r r w e c o total < <(summarize "$WORK/bulk-$t.strace")
    mib=$BULK_MB
    bulk_reads=$(awk -v b="$((BULK_MB * 1048576))" -v r="$r" 'BEGIN { printf "%.0f", b / r }')
    ROW[$t]+=" $(per "$r" "$mib") | $(per "$w" "$mib") | $(per "$e" "$mib") | $(per "$c" "$mib") | $(per "$o" "$mib") | **$(per "$total" "$mib")** | $bulk_reads |"
}

syscalls_main() {
    local t
    ensure_tools
    command -v strace >/dev/null || die "strace is needed"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK=$(mktemp -d -t junction-syscalls.XXXXXX)
    chmod 755 "$WORK"
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    start_traced
    for t in "${TRACED[@]}"; do measure_target "$t"; done
    mkdir -p "$RESULTS_DIR"
    {
        echo "## Syscalls ($(date -u '+%Y-%m-%d %H:%M UTC'), strace -c; small: wrk -t1 -c$CONNECTIONS -d$DURATION per request; bulk: one $BULK_MB MB download per MiB; load before: $LOAD_BEFORE)"
        echo
        echo "| target | requests | read | write | epoll_wait | epoll_ctl | other | total | bulk read/MiB | write/MiB | epoll_wait/MiB | epoll_ctl/MiB | other/MiB | total/MiB | bytes per read |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for t in "${TRACED[@]}"; do echo "${ROW[$t]}"; done
    } | tee "$RESULTS_DIR/syscalls-latest.md"
    for t in "${TRACED[@]}"; do cp "$WORK/small-$t.strace" "$RESULTS_DIR/syscalls-small-$t.strace"; done
}

syscalls_main "$@"
