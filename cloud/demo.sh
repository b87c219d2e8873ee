# services: minio fake-gcs azurite registry
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

# Google Cloud Storage and Azure Blob Storage through their emulators, configured
# the way Google and Microsoft document it. Azurite's account key is its published
# development key, not a secret; no program has it in its code.
export STORAGE_EMULATOR_HOST=127.0.0.1:4443 GOOGLE_CLOUD_PROJECT=cloudgo-demo
export AZURE_STORAGE_CONNECTION_STRING='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;'

heading cloud/gcs/objects
go run ./gcs/objects

heading cloud/gcs/precondition
go run ./gcs/precondition

heading cloud/azblob/objects
go run ./azblob/objects

heading cloud/azblob/conditional
go run ./azblob/conditional

heading cloud/azblob/sas
go run ./azblob/sas

heading cloud/blob
go run ./blob -create 's3://cloudgo-blob-demo?endpoint=http://127.0.0.1:9000&use_path_style=true' \
  gs://cloudgo-blob-demo 'azblob://cloudgo-blob-demo?localemu=true&domain=127.0.0.1:10000'

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

heading cloud/functions
# The Lambda's handler on Google Cloud Functions and as an Azure Functions custom handler, locally.
go build -o "$demo_tmp/gcf" ./functions/gcf/cmd/gcf
go build -o "$demo_tmp/handler" ./functions/azure/cmd/handler
background "$demo_tmp/gcf" -addr 127.0.0.1:8083 -target Greet
background sh -c '"$1" -addr 127.0.0.1:8084 -target GreetObject | tee "$2"' sh "$demo_tmp/gcf" "$demo_tmp/events.log"
background "$demo_tmp/handler" -addr 127.0.0.1:8085   # FUNCTIONS_CUSTOMHANDLER_PORT in Azure
wait_tcp 127.0.0.1:8083
wait_tcp 127.0.0.1:8084
wait_tcp 127.0.0.1:8085
if needs curl curl; then
  echo "GCF HTTP function:"
  curl -sS 'http://127.0.0.1:8083/hello'; echo
  curl -sS -X POST -d '{"name":"Ada","language":"de"}' -w ' (%{http_code})' http://127.0.0.1:8083/greetings; echo
  echo "Azure custom handler, invoked as the Functions host does:"
  curl -sS --data-binary @functions/testdata/azure/post-greetings.json http://127.0.0.1:8085/greet
  echo "GCF CloudEvent function, storage object finalized (metadata name=Ada, language=de, then fr):"
  for ev in post-greetings post-greetings-fr; do
    curl -sS -o /dev/null -w 'HTTP %{http_code}\n' -H 'Content-Type: application/cloudevents+json' \
      --data-binary "@functions/testdata/gcf/$ev.cloudevent.json" http://127.0.0.1:8084/
  done
  wait_log 'not greeted' && grep '"severity"' "$demo_tmp/events.log"
fi

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
