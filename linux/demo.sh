#!/usr/bin/env bash
# demo.sh: run every linux example end to end in a throwaway directory.
set -euo pipefail
cd "$(dirname "$0")"
export GOWORK=off LC_ALL=C
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '\n=== %s ===\n' "linux/coreutils"
go build -o "$work/bin/" ./coreutils/cmd/...
# t TOOL ARGS...: show the command, run our implementation, show a failure's exit status.
t() {
  printf '$ %s\n' "$*"
  local rc=0
  (cd "$work/play" && "$work/bin/$1" "${@:2}") 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then echo "(exit $rc)"; fi
}
mkdir "$work/play"
t mkdir -p project/src project/logs
t touch project/README.md
printf 'alpha\nBeta\ngamma alpha\n' > "$work/play/project/src/a.txt"
printf 'ERROR disk full\ninfo ok\nerror again\n' > "$work/play/project/logs/app.log"
t ls project
t ls -a project/src
t chmod u+rwx,g=rx,o= project/README.md
t chmod a+x project/src/a.txt
t chmod 8 project/README.md
t ls -l project/README.md project/src/a.txt
t ls -lh project
t cat -n project/src/a.txt
t grep -in error project/logs/app.log
t grep -rc alpha project
t grep -v alpha project/src/a.txt
t wc project/src/a.txt project/logs/app.log
t head -n 1 project/logs/app.log
t tail -n 1 project/logs/app.log
t mv project/src/a.txt project/logs/app.log
t cat project/logs/app.log
t rm project
t rm -r .
t rm -rf project
t ls project
t pwd

printf '\n=== %s ===\n' "linux/exec"
go run ./exec

printf '\n=== %s ===\n' "linux/files"
go run ./files

printf '\n=== %s ===\n' "linux/jsonfile"
go run ./jsonfile

printf '\n=== %s ===\n' "linux/procs"
go run ./procs

printf '\n=== %s ===\n' "linux/supervise"
go run ./supervise
