#!/usr/bin/env bash
# Generates Sources/ACLogOTLP/Generated/*.pb.swift, the OTLP log messages (OpenTelemetry's
# common, resource, logs and collector/logs protos), with swift-protobuf's protoc-gen-swift.
# Run by hand when the protos change; the output is committed (building swift-protobuf's plugin
# in every CI run would cost minutes). The protos are read from the descriptors PyPI's
# opentelemetry-proto carries, the same package the tests decode with (OpenTelemetry's protos: Apache-2.0).
#   Needs: protoc (Debian protobuf-compiler), pip, the swift-protobuf copy of Package.swift's version.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*swift-protobuf", exact: "\([0-9.]*\)".*/\1/p' Package.swift)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q https://github.com/apple/swift-protobuf "$work/swift-protobuf"
git -C "$work/swift-protobuf" checkout -q "$version"
(cd "$work/swift-protobuf" && swift build --product protoc-gen-swift >/dev/null)
python3 -m pip install -q opentelemetry-proto
python3 - "$work/otlp.pb" <<'PY'
import sys
from google.protobuf import descriptor_pb2
import opentelemetry.proto.common.v1.common_pb2 as c
import opentelemetry.proto.resource.v1.resource_pb2 as r
import opentelemetry.proto.logs.v1.logs_pb2 as l
import opentelemetry.proto.collector.logs.v1.logs_service_pb2 as s
files = descriptor_pb2.FileDescriptorSet()
for module in (c, r, l, s):
    module.DESCRIPTOR.CopyToProto(files.file.add())
open(sys.argv[1], "wb").write(files.SerializeToString())
PY
mkdir -p "$work/out"
protoc --plugin=protoc-gen-swift="$work/swift-protobuf/.build/debug/protoc-gen-swift" --descriptor_set_in="$work/otlp.pb" \
    --swift_out="$work/out" --swift_opt=Visibility=Package \
    opentelemetry/proto/common/v1/common.proto opentelemetry/proto/resource/v1/resource.proto \
    opentelemetry/proto/logs/v1/logs.proto opentelemetry/proto/collector/logs/v1/logs_service.proto
find "$work/out" -name '*.pb.swift' -exec cp {} Sources/ACLogOTLP/Generated/ \;
echo "wrote Sources/ACLogOTLP/Generated ($(python3 -m pip show opentelemetry-proto | sed -n 's/^Version: //p') of opentelemetry-proto, swift-protobuf $version)"
