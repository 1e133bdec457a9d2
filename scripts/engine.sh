#!/usr/bin/env bash
# A private Docker engine for aclog's tests and demo: no network, vfs storage, its own folder.
#
#   scripts/engine.sh start   installs docker.io and busybox-static if missing, starts dockerd,
#                             imports the busybox image 'aclog-busybox', prints DOCKER_HOST=...
#   scripts/engine.sh stop    stops the engine by its PID file
#   scripts/engine.sh env     prints DOCKER_HOST=... for the running engine
#
# The folder is $ACLOG_ENGINE_DIR (default /tmp/aclog-engine). Needs root, as dockerd does.
set -euo pipefail

DIR=${ACLOG_ENGINE_DIR:-/tmp/aclog-engine}
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
IMAGE=aclog-busybox
export DOCKER_HOST="unix://$SOCK"

install_missing() {
    local need=()
    command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
    [ -x /bin/busybox ] || need+=(busybox-static)
    command -v docker >/dev/null 2>&1 || need+=(docker.io)
    if [ ${#need[@]} -gt 0 ]; then
        echo "engine: installing ${need[*]} from Debian" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
    fi
}

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

start() {
    install_missing
    mkdir -p "$DIR"
    if ! running; then
        rm -f "$SOCK" "$PIDFILE"
        dockerd --host="$DOCKER_HOST" --data-root="$DIR/data" --exec-root="$DIR/exec" \
            --pidfile="$PIDFILE" --storage-driver=vfs --iptables=false --ip6tables=false \
            --ip-masq=false --ip-forward=false --bridge=none --log-driver=json-file \
            >"$DIR/dockerd.log" 2>&1 &
        for _ in $(seq 1 100); do
            docker version >/dev/null 2>&1 && break
            sleep 0.2
        done
        docker version >/dev/null 2>&1 || { echo "engine: dockerd did not answer; see $DIR/dockerd.log" >&2; exit 1; }
    fi
    if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
        local root
        root=$(mktemp -d)
        mkdir -p "$root/bin" "$root/tmp"
        cp /bin/busybox "$root/bin/busybox"
        for tool in sh echo sleep cat printf seq yes date head tr wc expr true; do
            ln -s busybox "$root/bin/$tool"
        done
        tar -C "$root" -c . | docker import - "$IMAGE" >/dev/null
        rm -rf "$root"
    fi
    echo "DOCKER_HOST=$DOCKER_HOST"
}

stop() {
    if running; then
        local pid ids
        pid=$(cat "$PIDFILE")
        # Containers that ignore SIGTERM would hold dockerd's shutdown for 10 s each: kill them first.
        ids=$(docker ps -q 2>/dev/null || true)
        [ -z "$ids" ] || docker kill $ids >/dev/null 2>&1 || true
        kill "$pid"
        for _ in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        echo "engine: dockerd did not stop in 30 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "DOCKER_HOST=$DOCKER_HOST" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
