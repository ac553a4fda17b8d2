#!/usr/bin/env bash
# Builds the benchmarks module and runs the suite; writes BENCHMARKS.md and docs/benchmarks/*.png.
# Usage: benchmarks/run.sh [--quick|--full]   (default --quick)
#        benchmarks/run.sh cluster [--reps N]   two-node cluster over Redis, wsboot beside Socket.IO;
#        writes docs/benchmarks/cluster.md and the cluster section of BENCHMARKS.md
#        benchmarks/run.sh alloc [--peers ID,ID] [--scenarios ID,ID]   bytes each server allocates per
#        message under JFR; writes docs/benchmarks/allocations.md
set -euo pipefail
cd "$(dirname "$0")/.."
variant="${1:---quick}"
case "$variant" in
  --quick|--full) main=dev.wsboot.benchmarks.BenchmarkSuite; modules=benchmarks; args=("$variant") ;;
  cluster) main=dev.wsboot.benchmarks.ClusterSuite; modules=benchmarks,sample-app; args=() ;;
  alloc) main=dev.wsboot.benchmarks.AllocationProbe; modules=benchmarks,sample-app
    args=(--recording "$PWD/benchmarks/target/alloc.jfr" --out docs/benchmarks/allocations.md)
    export BENCH_SERVER_JVM_ARGS="-XX:StartFlightRecording=settings=$PWD/benchmarks/src/main/jfr/alloc.jfc" ;;
  *) echo "usage: $0 [--quick|--full|cluster|alloc]" >&2; exit 2 ;;
esac
# maven.test.skip: tests are not even compiled, so half-finished test code elsewhere cannot block a run.
mvn -B -q -pl "$modules" -am package -Dmaven.test.skip=true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The load client runs on CPU 1; every server the suite starts is pinned to CPU 0.
exec taskset -c 1 "$java_bin" -Xms2g -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  "$main" ${args[@]+"${args[@]}"} --repo . "${@:2}"
