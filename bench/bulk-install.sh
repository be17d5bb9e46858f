#!/usr/bin/env bash
# Bulk install benchmark: an agency installs the app on N locations (default 1,000) of the simulator, which enforces
# HighLevel's 100 requests per 10 s per company; the hub's background provisioning mints every location token.
# Prints the time to mint them all, the 429s (goal: 0) and the busiest 10 s window (goal: <= 100).
# Usage: bench/bulk-install.sh [locations]
set -euo pipefail
cd "$(dirname "$0")/.."

LOCATIONS="${1:-1000}"
./mvnw -B -q -DskipTests install
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
./mvnw -B -q -pl bootstrap exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.accesshub.bootstrap.e2e.BulkInstallBenchmark -Dexec.args="$LOCATIONS" \
  -Dexec.cleanupDaemonThreads=false 2> "${TMPDIR:-/tmp}/accesshub-bulk-install.log"
