#!/usr/bin/env bash
# Event relay benchmark: one hub relays N lifecycle events to a subscriber that answers at once, first alone, then
# beside a subscriber that never answers. Prints events per second per subscriber in both phases (goal: the fast
# subscriber does as well beside the silent one as beside the healthy one).
# Usage: bench/relay.sh [events] [installations]
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${1:-2000}"
INSTALLATIONS="${2:-200}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
./mvnw -B -q -pl bootstrap -am verify -Dtest=RelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Drelay.bench.events="$EVENTS" -Drelay.bench.installations="$INSTALLATIONS" \
  > "${TMPDIR:-/tmp}/accesshub-relay.log" 2>&1 || { tail -40 "${TMPDIR:-/tmp}/accesshub-relay.log"; exit 1; }
cat bootstrap/target/relay-bench.txt
