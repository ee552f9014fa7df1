#!/usr/bin/env bash
# RouteTable.match cost at 10, 1,000 and 10,000 routes (JMH, sample time: median and tail per call).
# Packages runtime/core in the reactor (offline, no install), compiles this project and runs it.
# docs/performance.md quotes one run. Takes about five minutes; pass JMH options to change that, e.g. -f 1 -i 3.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

(cd "$ROOT" && mvn -B -q -o -pl runtime/core -am package -DskipTests)
(cd "$HERE" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
java -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" org.openjdk.jmh.Main RouteTableBench \
    -bm sample -tu ns -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
