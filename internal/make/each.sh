#!/usr/bin/env bash
# each.sh JOBS 'COMMAND' MODULE...: runs COMMAND inside every MODULE folder, at most JOBS
# at a time, and prints each module's output in one piece when it ends, followed by
# "ok|FAIL  module  seconds". Exits 1 naming the modules that failed.
#
# `make test` uses it with JOBS=3: most of a service test's time is spent waiting for a
# container to start or a broker to answer, not on the CPU, so modules overlap well
# even on two cores. JOBS=1 runs them one after another with live output.
set -uo pipefail
jobs=$1 cmd=$2
shift 2
(( jobs >= 1 )) || { echo "each.sh: JOBS must be at least 1, got $jobs" >&2; exit 2; }

if (( jobs == 1 )); then
  failed=()
  for m in "$@"; do
    start=$SECONDS
    if (cd "$m" && bash -c "$cmd"); then printf '%-5s %-22s %4ds\n' ok "$m" $((SECONDS - start))
    else printf '%-5s %-22s %4ds\n' FAIL "$m" $((SECONDS - start)); failed+=("$m"); fi
  done
  (( ${#failed[@]} == 0 )) || { echo "failed: ${failed[*]}"; exit 1; }
  exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Stop the modules still running when make is interrupted.
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT TERM

one() { # one MODULE INDEX: runs cmd in MODULE, leaves log, status and seconds in $out
  local start=$SECONDS rc=0
  (cd "$1" && bash -c "$cmd") >"$out/$2.log" 2>&1 || rc=$?
  echo "$rc $((SECONDS - start))" >"$out/$2.rc"
}

report() { # report INDEX MODULE: prints a finished module's output and its line
  local rc secs
  read -r rc secs <"$out/$1.rc"
  cat "$out/$1.log"
  if (( rc == 0 )); then printf '%-5s %-22s %4ds\n' ok "$2" "$secs"
  else printf '%-5s %-22s %4ds\n' FAIL "$2" "$secs"; echo "$2" >>"$out/failed"; fi
  rm -f "$out/$1.rc"
}

mods=("$@") running=() i=0
while (( i < ${#mods[@]} || ${#running[@]} )); do
  while (( i < ${#mods[@]} && ${#running[@]} < jobs )); do
    one "${mods[i]}" "$i" &
    running+=("$i")
    ((i++))
  done
  wait -n 2>/dev/null || true
  still=()
  for k in "${running[@]}"; do
    if [[ -f "$out/$k.rc" ]]; then report "$k" "${mods[k]}"; else still+=("$k"); fi
  done
  running=("${still[@]}")
done

if [[ -s "$out/failed" ]]; then echo "failed: $(paste -sd' ' "$out/failed")"; exit 1; fi
