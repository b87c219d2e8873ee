# services: minio registry
# Runs the cloud examples end to end: `make demo TOPIC=cloud` (from the repository root).
# The local MinIO's development credentials, handed to the SDK's default chain.
export AWS_ACCESS_KEY_ID=minioadmin AWS_SECRET_ACCESS_KEY=minioadmin AWS_REGION=us-east-1 S3_ENDPOINT=http://127.0.0.1:9000
demo_tmp=$(mktemp -d)

heading cloud/s3
go run ./s3 -bucket cloudgo-demo

heading cloud/s3presign
go run ./s3presign -bucket cloudgo-presign-demo

heading cloud/s3multipart
go run ./s3multipart -bucket cloudgo-multipart-demo

heading cloud/s3backup
go run ./s3 -bucket cloudgo-backup-demo -reuse-bucket -keep >/dev/null   # 26 objects to back up
go run ./s3backup/cmd/s3backup -bucket cloudgo-backup-demo -dir "$demo_tmp/backup" | sed "s|$demo_tmp|\$TMP|"
go run ./s3backup/cmd/s3backup -bucket cloudgo-backup-demo -dir "$demo_tmp/backup" | sed "s|$demo_tmp|\$TMP|"   # nothing changed: nothing downloaded
find "$demo_tmp/backup" -path '*/.s3backup' -prune -o -type f -print | sed "s|$demo_tmp|\$TMP|" | sort | head -3
go run ./s3 -bucket cloudgo-backup-demo -reuse-bucket >/dev/null   # deletes the objects it wrote; the empty bucket stays

heading cloud/lambda
go build -o "$demo_tmp/lambda" ./lambda
background "$demo_tmp/lambda" -addr 127.0.0.1:8081
wait_tcp 127.0.0.1:8081
if needs curl curl; then
  curl -sS 'http://127.0.0.1:8081/hello?name=Ada'; echo
  curl -sS -X POST -d '{"name":"Ada","language":"de"}' -w ' (%{http_code})' http://127.0.0.1:8081/greetings; echo
  curl -sS -X POST -d '{"nmae":"Ada"}' -w ' (%{http_code})' http://127.0.0.1:8081/greetings; echo
  curl -sS -X POST -d '{"name":"Ada"}}' -w ' (%{http_code})' http://127.0.0.1:8081/greetings; echo
fi
GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o "$demo_tmp/bootstrap" ./lambda   # what provided.al2023 runs
echo "built bootstrap for linux/arm64 (provided.al2023)"

heading cloud/webapp
docker build -q -t cloudgo-webapp:demo webapp >/dev/null
webapp_cid=$(docker run -d --rm -p 127.0.0.1:8082:8080 -e GREETING='Hello from Docker!' -e DRAIN_PERIOD=1s cloudgo-webapp:demo)
if needs curl curl; then
  curl -sS --retry 30 --retry-all-errors --retry-delay 1 http://127.0.0.1:8082/
  curl -sS http://127.0.0.1:8082/healthz
fi
docker stop "$webapp_cid" >/dev/null
echo "image user: $(docker image inspect -f '{{.Config.User}}' cloudgo-webapp:demo)"

heading cloud/registry
go run ./registry/cmd/registry 2>&1   # the registry from `make up` on 127.0.0.1:5000
docker rmi cloudgo/webapp:v1 >/dev/null

heading cloud/swarm
go run ./swarm/cmd/swarm 2>&1

heading cloud/terraform
go test -count=1 -v ./terraform | grep -E '^(--- |ok)'

heading cloud/ansible
needs ansible-playbook ansible && ANSIBLE_CONFIG=ansible/ansible.cfg ansible-playbook --syntax-check -i ansible/hosts.ini ansible/nginx_playbook.yml
echo "(the full run against a container: go test -run TestPlaybook -v ./ansible)"

heading cloud/hostmgmt
for n in web-1 web-2 db-1; do
  docker run -d --name "cloudgo-demo-$n" --label fleet=cloudgo-demo --label "role=${n%-*}" redis:7.4 >/dev/null
done
go build -o "$demo_tmp/hostmgmt" ./hostmgmt/cmd/hostmgmt
# sed: container IDs vary, and CI's stand-in images add a label of their own.
"$demo_tmp/hostmgmt" list -tag fleet=cloudgo-demo | sed -E 's/^[0-9a-f]{12}/<id>        /; s/cloudgo\.standin\.inputs=[^,]*,//'
"$demo_tmp/hostmgmt" stop cloudgo-demo-web-1
"$demo_tmp/hostmgmt" list -tag fleet=cloudgo-demo -tag role=web | sed -E 's/^[0-9a-f]{12}/<id>        /; s/cloudgo\.standin\.inputs=[^,]*,//'
docker rm -f cloudgo-demo-web-1 cloudgo-demo-web-2 cloudgo-demo-db-1 >/dev/null
rm -rf "$demo_tmp"
