#!/usr/bin/env bash
# Builds the sample app and the benchmarks module, then runs one of the long opt-in scenarios.
# Usage: benchmarks/soak.sh [--minutes N] [--clients N]     the soak; writes docs/soak.md and docs/soak/*.png
#        benchmarks/soak.sh slowloris [--attackers N] ...   the slowloris scenario; writes docs/slowloris.md
# The server (the sample-app jar) runs on CPU 0 in its own process, the clients on CPU 1. Both stop by themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
main=dev.wsboot.benchmarks.soak.Soak
if [[ "${1:-}" == "slowloris" ]]; then
  main=dev.wsboot.benchmarks.soak.Slowloris
  shift
fi
# maven.test.skip: tests are not even compiled, so half-finished test code elsewhere cannot block a run.
mvn -B -q -pl benchmarks,sample-app -am package -Dmaven.test.skip=true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec taskset -c 1 "$java_bin" -Xms2g -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  "$main" --repo . "$@"
