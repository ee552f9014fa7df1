#!/usr/bin/env bash
# Soak test (not CI): mixed load through Junction for a while, with faults injected, then the
# errors well-formed requests met and the heap before and after. See docs/hardening.md.
#
# Load: wrk GETs and POSTs (keep-alive) to a pool of two healthy backends, the measure; a
# third route forwards to a backend that is killed and restarted every SOAK_FAULT_EVERY seconds;
# a loop sends malformed requests (CL+TE, bad chunks, bare LF) and slow partial heads.
# Expected: 0 errors on the healthy routes, heap after ~ heap before (after a full GC each time).
# The bad-chunk request may also meet a 200: when its head reaches Junction before its body, the head is forwarded
# (bodies stream, as in HAProxy) and the test backend, which ignores Transfer-Encoding, answers before the bad chunk.
#
# Environment (all optional):
#   SOAK_DURATION=600       seconds of load
#   SOAK_ENGINE=own         junction.http.engine (own, the default, or undertow)
#   SOAK_CONNECTIONS=32     wrk connections
#   SOAK_FAULT_EVERY=20     seconds between kills of the faulty backend
#   SOAK_PORT=19282 SOAK_BACKEND_PORTS="19201 19202" SOAK_FAULTY_PORT=19203
#   SOAK_KEEP_WORKDIR=1     keep the work dir (config, logs, wrk output)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${SOAK_DURATION:-600}
ENGINE=${SOAK_ENGINE:-own}
CONNECTIONS=${SOAK_CONNECTIONS:-32}
FAULT_EVERY=${SOAK_FAULT_EVERY:-20}
PORT=${SOAK_PORT:-19282}
read -ra BACKENDS <<<"${SOAK_BACKEND_PORTS:-19201 19202}"
FAULTY=${SOAK_FAULTY_PORT:-19203}
WORK=$(mktemp -d)
PIDS=()

log() { printf '[soak %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

cleanup() {
    for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
    [[ -n ${SOAK_KEEP_WORKDIR:-} ]] && log "work dir kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

start() {  # $1 = log file, rest = command; runs in its own process group
    local out=$1; shift
    setsid "$@" >"$out" 2>&1 &
    PIDS+=($!)
    LAST_PID=$!
}

cat >"$WORK/backend.py" <<'PY'
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"ok\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = answer
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY

wait_port() {  # $1 = port, $2 = seconds
    for _ in $(seq "$2"); do
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        sleep 1
    done
    log "nothing answers on :$1"; exit 1
}

heap() {  # $1 = pid: used heap in KiB after a full GC
    jcmd "$1" GC.run >/dev/null
    jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { gsub(/[^0-9]/, "", $(i + 1)); print $(i + 1); exit } }'
}

malformed() {  # requests a strict edge refuses, and a head that never ends; each on its own connection
    local requests=(
        'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
        'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'
        'GET / HTTP/1.1\nHost: a\n\n'
        'GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n'
        'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: '
    )
    trap '' PIPE  # a connection Junction already closed must fail one write, not end the loop
    while true; do
        for r in "${requests[@]}"; do
            exec 3<>"/dev/tcp/127.0.0.1/$PORT" || continue
            printf '%b' "$r" >&3 || true
            # the status Junction answered, or 'none' when none came within 2 s (closed, or still reading a slow head)
            { timeout 2 head -c 12 <&3 | cut -c 10-12 | grep . || echo none; } >>"$MALFORMED_STATUSES"
            exec 3>&-
        done
    done
}

for p in "${BACKENDS[@]}"; do start "$WORK/backend-$p.log" python3 "$WORK/backend.py" "$p"; done
# the faulty backend dies every SOAK_FAULT_EVERY seconds (in-flight requests cut) and is back 2 s later
start "$WORK/faulty.log" bash -c "while true; do timeout $FAULT_EVERY python3 '$WORK/backend.py' $FAULTY; sleep 2; done"
mkdir -p "$WORK/conf.d"
cat >"$WORK/conf.d/soak.groovy" <<GROOVY
pool('web') {
$(for p in "${BACKENDS[@]}"; do echo "    backend 'http://127.0.0.1:$p'"; done)
}
pool('faulty') { backend 'http://127.0.0.1:$FAULTY' }
http('public', port: $PORT, bind: '127.0.0.1') {
    route(path: '/faulty') { forward 'faulty' }
    otherwise { forward 'web' }
}
GROOVY
log "starting Junction (engine $ENGINE) on :$PORT"
start "$WORK/junction.log" env -C "$ROOT" JAVA_OPTS="${JAVA_OPTS:-} -Djunction.http.engine=$ENGINE -Djunction.admin.port=0" \
    "$ROOT/bin/junction" run --conf "$WORK/conf.d"
JUNCTION_GROUP=$LAST_PID
wait_port "$PORT" 180
JVM=$(pgrep -g "$JUNCTION_GROUP" java | head -1)
BEFORE=$(heap "$JVM")
log "heap used after start and a full GC: ${BEFORE}K"

cat >"$WORK/mixed.lua" <<'LUA'
local n = 0
request = function()
    n = n + 1
    if n % 3 == 0 then
        return wrk.format("POST", "/upload", {["Content-Type"] = "text/plain"}, string.rep("x", 4096))
    end
    return wrk.format("GET", "/page?n=" .. n)
end
LUA
start "$WORK/malformed.log" bash -c "$(declare -f malformed); PORT=$PORT MALFORMED_STATUSES='$WORK/malformed-statuses' malformed"
start "$WORK/faulty-load.log" bash -c "while true; do curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 http://127.0.0.1:$PORT/faulty >>'$WORK/faulty-statuses'; done"

log "load for ${DURATION}s, $CONNECTIONS connections"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/mixed.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
AFTER=$(heap "$JVM")

counts() {  # $1 = file of one status a line: "count status" pairs, most frequent first
    [[ -s $1 ]] && sort "$1" | uniq -c | sort -rn | awk '{ printf "%s %s  ", $2, $1 }' || printf 'none'
}
echo "== errors on healthy routes, by category (expected: 0 each)"
awk '/Socket errors/ { gsub(",", ""); printf "connect %s  read %s  write %s  timeout %s\n", $4, $6, $8, $10; found = 1 }
     END { if (!found) print "connect 0  read 0  write 0  timeout 0" }' "$WORK/wrk.txt"
awk '/Non-2xx/ { n = $NF } END { printf "non-2xx/3xx %d\n", n }' "$WORK/wrk.txt"
echo "== answers on the faulty route (status count): $(counts "$WORK/faulty-statuses")"
echo "== answers to malformed and slow requests (status count): $(counts "$WORK/malformed-statuses")"
echo "== heap used after a full GC: before ${BEFORE}K  after ${AFTER}K"
ERRORS=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$WORK/wrk.txt")
echo "errors on healthy routes: $ERRORS"
[[ $ERRORS -eq 0 ]]
