#!/usr/bin/env bash
# demo.sh: run every compute example end to end on a small generated corpus.
# Needs only the Go toolchain (Beam's Prism runner runs inside the program).
set -euo pipefail
cd "$(dirname "$0")"
export GOWORK=off # the topic is self-contained; ignore any enclosing go.work

corpus=$(mktemp /tmp/compute-demo-XXXXXX.txt)
trap 'rm -f "$corpus"' EXIT

printf '\n=== %s ===\n' "compute/gencorpus"
go run ./gencorpus -size 2 -o "$corpus"
ls -l "$corpus"

printf '\n=== %s ===\n' "compute/wordcount"
go run ./wordcount -mode sequential -top 5 "$corpus"
go run ./wordcount -workers 4 -top 5 <"$corpus"

printf '\n=== %s ===\n' "compute/rddwordcount"
go run ./rddwordcount -partitions 4 -top 5 "$corpus"

printf '\n=== %s ===\n' "compute/beamwordcount"
go run ./beamwordcount -input "$corpus" -top 5
