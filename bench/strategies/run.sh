#!/usr/bin/env bash
# Strategy quality and cost: builds the plugins (offline), compiles StrategyBench against their JARs and runs it.
# Prints markdown tables; docs/strategies.md quotes one run. Takes about a minute.
# `run.sh jmh [JMH options]` runs bench/jmh's PickBenchmark instead (JMH 1.37 from the local Maven repository):
# ns per pick for round-robin, p2c and maglev. Neither is in the Maven reactor, so CI does not pay for them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && mvn -B -q -o -pl plugins/balancing/basic,plugins/balancing/advanced -am package -DskipTests)   # never install: ~/.m2 is shared
jar() { ls "$ROOT/$1"/target/"$2"-*.jar | grep -v -e sources -e tests | head -n 1; }
CP="$(jar runtime/api junction-api):$(jar plugins/balancing/basic junction-basic-strategies)"
CP="$CP:$(jar plugins/balancing/advanced junction-advanced-strategies)"
CP="$CP:$(ls "${MAVEN_REPO:-$HOME/.m2/repository}"/org/pf4j/pf4j/*/pf4j-*.jar | sort -V | tail -n 1)"   # ExtensionPoint, for javac

BENCH="$ROOT/bench/strategies/src/io/junction/plugins/advanced/StrategyBench.java"
if [[ ${1:-} == jmh ]]; then
    shift
    REPO=${MAVEN_REPO:-$HOME/.m2/repository}
    JMH="$REPO/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$REPO/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
    JMH="$JMH:$REPO/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
    javac -d "$WORK" -cp "$CP:$JMH" -processorpath "$REPO/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar:$JMH" \
        "$BENCH" "$ROOT/bench/jmh/src/io/junction/plugins/advanced/PickBenchmark.java"
    java -cp "$WORK:$CP:$JMH" org.openjdk.jmh.Main -foe true "$@" PickBenchmark
else
    javac -d "$WORK" -cp "$CP" "$BENCH"
    java -Xms512m -Xmx1g -cp "$WORK:$CP" io.junction.plugins.advanced.StrategyBench
fi
