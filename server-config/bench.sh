#!/usr/bin/env bash
# The "bench" command: the baseline read benchmark of the real EAR on Payara Server + PostgreSQL.
# Builds the modules (their tests skipped), then runs only ear's *Bench classes (Maven profile
# "bench" in ear/pom.xml) with the system tests' harness: embedded PostgreSQL, a Payara domain on a
# free port base configured by server-config/payara/*.sh, 100 000 generated vehicles, then wrk on
# loopback, beside a bare WAR on the same server: warm-up and a fixed-time measurement per endpoint,
# each recorded with JFR. Prints p50/p95/p99, req/s, the ratios to the bare WAR, the server's CPU
# time per request and the cache counts; writes system-tests/payara/target/bench-report.txt, and
# system-tests/payara/target/bench/report.md with report.json and PNG plots (XChart: throughput relative to the
# bare WAR, p99 latency). Then server tuning: each setting of -Dbench.tuning (HTTP worker threads,
# heap, collector, JDBC validation) applied by configure-domain.sh, the domain restarted (timed)
# and two signed-in reads measured; the run command timed (first run, second run, restart-domain);
# and the search at 10k/100k/1M vehicles and the leads list at 5M leads.
# No targets are enforced; everything it starts is stopped at the end.
#
# Extra arguments go to Maven, e.g.  server-config/bench.sh -o -Dbench.duration=60s
#   -Dbench.warmup=15s -Dbench.duration=20s -Dbench.threads=2 -Dbench.connections=16
#   -Dbench.vehicles=100000 -Dbench.hotIds=5000 -Dbench.tuning=default,threads-16 (none: skip)
#   -Dbench.runCommand=false -Dbench.scale=10000 -Dbench.leads=0
#   -Dit.test='InventoryReadBench#serverTuning' (one part only)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
# the plots are drawn by Java2D, headless, which needs fonts
command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ] \
  || missing+=(fontconfig fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian's ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}"
fi
if [ -x ./mvnw ]; then mvn=./mvnw; else mvn=mvn; fi

rm -f system-tests/payara/target/bench-report.txt
# -DskipTests skips every unit test and *IT of the reactor; the bench execution ignores it.
"$mvn" -B -ntp -Pbench -pl system-tests/payara -am verify -DskipTests "$@"
cat system-tests/payara/target/bench-report.txt
