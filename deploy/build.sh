#!/bin/sh
# Builds static persona binaries for Linux servers, on any machine with Go:
# build on a laptop, copy one file to a small server (the build itself needs
# far more memory than the daemon; see README "Build small, or build elsewhere").
#
#   deploy/build.sh                 # linux/amd64 and linux/arm64 into dist/
#   deploy/build.sh linux/arm64     # one target
#
# Each binary is static (CGO_ENABLED=0) and carries its version, from
# `git describe` (or PERSONA_VERSION), stamped with -ldflags, so
# `persona version` tells it on the server too.
set -eu
cd "$(dirname "$0")/.."

version=${PERSONA_VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
targets=${*:-linux/amd64 linux/arm64}
mkdir -p dist
for target in $targets; do
	os=${target%/*}
	arch=${target#*/}
	out=dist/persona-$os-$arch
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath \
		-ldflags "-s -w -X persona/session.stamped=$version" -o "$out" .
	echo "$out ($version)"
done
