#!/usr/bin/env bash
# Builds aclog and runs the collector. With a Docker engine on this host it collects from it;
# without one it starts the private test engine with a small replayed stack (backend, redis,
# mysql printing real log lines), so you can watch records arrive. Stop with Ctrl-C.
#
#   scripts/run.sh            database: ./aclog-demo.db (or $ACLOG_DB)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)   # the OTLP export's gzip
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
swift build -c release --static-swift-stdlib
ACLOG=$PWD/.build/release/aclog
export ACLOG_DB=${ACLOG_DB:-$PWD/aclog-demo.db}

if docker version >/dev/null 2>&1; then
    echo "== collecting from this host's Docker engine (${DOCKER_HOST:-default socket})"
else
    echo "== no Docker engine answers here: starting the private one with a replayed stack"
    eval "export $(scripts/engine.sh start)"
    fixtures=$PWD/Tests/EndToEndTests/Fixtures
    replay() {  # name service file stream-redirect
        docker rm -f "demo-$1" >/dev/null 2>&1 || true
        docker run -d --name "demo-$1" --network none --restart unless-stopped \
            --label "com.docker.compose.service=$2" --label com.docker.compose.project=demo \
            -v "$fixtures:/fix:ro" aclog-busybox sh -c \
            "while true; do while IFS= read -r line; do printf '%s\n' \"\$line\" $4; sleep 0.2; done < /fix/$3; done" >/dev/null
    }
    replay backend-access backend uvicorn.log ""
    replay backend backend loguru.log ">&2"
    replay redis redis redis.log ""
    replay mysql mysql mysql8.log ">&2"
fi

"$ACLOG" collect &
collector=$!
trap 'kill -TERM $collector 2>/dev/null; wait $collector' INT TERM EXIT
sleep 5
echo "== aclog ps"
"$ACLOG" ps
echo "== aclog tail -n 15"
"$ACLOG" tail -n 15
echo "== the collector keeps running (Ctrl-C stops it). In another terminal:"
echo "   ACLOG_DB=$ACLOG_DB $ACLOG tail -f"
wait $collector
