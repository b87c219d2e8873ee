#!/usr/bin/env bash
# Runs the cloud examples end to end (`make demo TOPIC=cloud` runs this from cloud/).
# Starts MinIO with docker compose unless it already runs (then leaves it running),
# and the local servers (Lambda adapter, webapp) in the background.
set -euo pipefail
cd "$(dirname "$0")"
compose=(${COMPOSE:-docker compose} -f ../compose.yaml)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloud-demo.XXXXXX")

started=
if [[ $("${compose[@]}" ps --status running --services 2>/dev/null | grep -cx minio) != 1 ]]; then
  "${compose[@]}" up -d --wait minio
  started=1
fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
  if [[ -n $started ]]; then "${compose[@]}" down minio >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
wait_http() { for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

# The local MinIO's development credentials, through the SDK's default chain.
export AWS_ACCESS_KEY_ID=minioadmin AWS_SECRET_ACCESS_KEY=minioadmin AWS_REGION=us-east-1
export S3_ENDPOINT=http://127.0.0.1:9000
wait_http "$S3_ENDPOINT/minio/health/live"

heading() { printf '\n=== %s ===\n' "$1"; }

heading cloud/s3
go run ./s3 -bucket cloudgo-demo

heading cloud/s3backup
# Back up the bucket s3 leaves behind with -keep: twice, the second run downloads nothing.
go run ./s3 -bucket cloudgo-backup-demo -size 10 -keep >/dev/null
go run ./s3backup/cmd -bucket cloudgo-backup-demo -dir "$tmp/backup" | sed -E 's/ in [0-9.]+m?s$/ in <t>/'
go run ./s3backup/cmd -bucket cloudgo-backup-demo -dir "$tmp/backup" | sed -E 's/ in [0-9.]+m?s$/ in <t>/'
(cd "$tmp/backup" && find . -path ./.s3backup -prune -o -type f -print | sort | head -5; echo ...)
go run ./s3 -bucket cloudgo-backup-demo -size 10 >/dev/null   # reuses the bucket, then deletes it

heading cloud/lambda
go build -o "$tmp/lambda" ./lambda
"$tmp/lambda" -addr 127.0.0.1:8081 &
pids+=($!)
wait_http http://127.0.0.1:8081/hello
curl -sS 'http://127.0.0.1:8081/hello?name=Ada'; echo
curl -sS -X POST -d '{"name":"Ada","language":"de"}' http://127.0.0.1:8081/greetings; echo
curl -sS -X POST -d '{"nmae":"Ada"}' -w ' (%{http_code})' http://127.0.0.1:8081/greetings; echo
# The artefact the provided.al2023 runtime runs:
GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o "$tmp/bootstrap" ./lambda
file "$tmp/bootstrap" 2>/dev/null || ls -l "$tmp/bootstrap"

heading cloud/webapp
docker build -q -t cloudgo-webapp:demo webapp >/dev/null
cid=$(docker run -d --rm -p 127.0.0.1:8082:8080 -e GREETING='Hello from Docker!' cloudgo-webapp:demo)
wait_http http://127.0.0.1:8082/healthz
curl -sS http://127.0.0.1:8082/; curl -sS http://127.0.0.1:8082/healthz
docker stop "$cid" >/dev/null
echo "image user: $(docker image inspect -f '{{.Config.User}}' cloudgo-webapp:demo)"

heading cloud/terraform
go test -count=1 ./terraform

heading cloud/ansible
(cd ansible && ansible-playbook --syntax-check nginx_playbook.yml)
echo "(the full run against a container: go test -run TestPlaybook -v ./ansible)"

heading cloud/hostmgmt
for n in web-1 web-2 db-1; do
  docker run -d --name "cloudgo-demo-$n" --label fleet=cloudgo-demo --label "role=${n%-*}" redis:7.4 >/dev/null
done
trap 'docker rm -f cloudgo-demo-web-1 cloudgo-demo-web-2 cloudgo-demo-db-1 >/dev/null 2>&1 || true; cleanup' EXIT
go build -o "$tmp/hostmgmt" ./hostmgmt/cmd
"$tmp/hostmgmt" list -tag fleet=cloudgo-demo | sed -E 's/^[0-9a-f]{12}/<id>        /'
"$tmp/hostmgmt" stop cloudgo-demo-web-1
"$tmp/hostmgmt" list -tag fleet=cloudgo-demo -tag role=web | sed -E 's/^[0-9a-f]{12}/<id>        /'
