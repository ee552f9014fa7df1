#!/usr/bin/env bash
# Strategy quality and cost: builds the plugins (offline), compiles StrategyBench against their JARs and runs it.
# Prints markdown tables; docs/strategies.md quotes one run. Takes about a minute.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && mvn -B -q -o -pl plugins/balancing/basic,plugins/balancing/advanced -am install -DskipTests)
jar() { ls "$ROOT/$1"/target/"$2"-*.jar | grep -v -e sources -e tests | head -n 1; }
CP="$(jar runtime/api junction-api):$(jar plugins/balancing/basic junction-basic-strategies)"
CP="$CP:$(jar plugins/balancing/advanced junction-advanced-strategies)"
CP="$CP:$(ls "${MAVEN_REPO:-$HOME/.m2/repository}"/org/pf4j/pf4j/*/pf4j-*.jar | sort -V | tail -n 1)"   # ExtensionPoint, for javac

javac -d "$WORK" -cp "$CP" "$ROOT/bench/strategies/src/io/junction/plugins/advanced/StrategyBench.java"
java -Xms512m -Xmx1g -cp "$WORK:$CP" io.junction.plugins.advanced.StrategyBench
