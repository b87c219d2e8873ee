#!/usr/bin/env bash
# demo.sh: run every basics example in reading order, each under a heading.
# Run from anywhere; it changes to the basics folder. Needs only the Go
# toolchain (no services, no network once the standard library is installed).
set -euo pipefail
cd "$(dirname "$0")"
export GOWORK=off # the topic is self-contained; ignore any enclosing go.work

examples=(
	values strings collections operators controlflow functions
	errors types packages stdlib-text stdlib-data stdlib-time concurrency
)
for example in "${examples[@]}"; do
	printf '\n=== %s ===\n' "basics/$example"
	go run "./$example"
done
