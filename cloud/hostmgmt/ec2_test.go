package hostmgmt

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// fakeEC2 answers EC2's Query API (form-encoded requests, XML responses) the way
// the real endpoint does, and records what the SDK sent.
type fakeEC2 struct {
	mu       sync.Mutex
	requests []url.Values
}

func (f *fakeEC2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, r.PostForm)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	const ns = `xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"`
	switch r.PostForm.Get("Action") {
	case "DescribeInstances":
		item := func(id, name, state string, code int) string {
			return fmt.Sprintf(`<item><instanceId>%s</instanceId><instanceType>t3.micro</instanceType>
<instanceState><code>%d</code><name>%s</name></instanceState>
<tagSet><item><key>Name</key><value>%s</value></item><item><key>env</key><value>prod</value></item></tagSet></item>`, id, code, state, name)
		}
		if r.PostForm.Get("NextToken") == "" { // page 1 of 2
			fmt.Fprintf(w, `<DescribeInstancesResponse %s><requestId>1</requestId><reservationSet><item><reservationId>r-1</reservationId>
<instancesSet>%s%s</instancesSet></item></reservationSet><nextToken>page2</nextToken></DescribeInstancesResponse>`,
				ns, item("i-0aaa", "web-1", "running", 16), item("i-0bbb", "web-2", "stopped", 80))
			return
		}
		fmt.Fprintf(w, `<DescribeInstancesResponse %s><requestId>2</requestId><reservationSet><item><reservationId>r-2</reservationId>
<instancesSet>%s</instancesSet></item></reservationSet></DescribeInstancesResponse>`, ns, item("i-0ccc", "db-1", "running", 16))
	case "StartInstances", "StopInstances":
		action := r.PostForm.Get("Action")
		fmt.Fprintf(w, `<%sResponse %s><requestId>3</requestId><instancesSet><item><instanceId>%s</instanceId>
<currentState><code>0</code><name>pending</name></currentState><previousState><code>80</code><name>stopped</name></previousState>
</item></instancesSet></%sResponse>`, action, ns, r.PostForm.Get("InstanceId.1"), action)
	default:
		http.Error(w, "unknown action", 400)
	}
}

func newFakeEC2(t *testing.T) (EC2, *fakeEC2) {
	f := &fakeEC2{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := ec2.NewFromConfig(aws.Config{
		Region:      "eu-central-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
	}, func(o *ec2.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	return EC2{API: c}, f
}

// TestEC2Describe: tag filters become Filter.N.Name=tag:<key>, and all pages are read.
func TestEC2Describe(t *testing.T) {
	m, f := newFakeEC2(t)
	got, err := m.Describe(context.Background(), map[string]string{"env": "prod", "app": "shop"})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	Print(&sb, got)
	want := `ID      NAME   STATE    TYPE      TAGS
i-0ccc  db-1   running  t3.micro  Name=db-1,env=prod
i-0aaa  web-1  running  t3.micro  Name=web-1,env=prod
i-0bbb  web-2  stopped  t3.micro  Name=web-2,env=prod
`
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
	if len(f.requests) != 2 || f.requests[1].Get("NextToken") != "page2" {
		t.Fatalf("want 2 requests, the second with NextToken=page2; got %v", f.requests)
	}
	q := f.requests[0]
	for k, v := range map[string]string{"Filter.1.Name": "tag:app", "Filter.1.Value.1": "shop",
		"Filter.2.Name": "tag:env", "Filter.2.Value.1": "prod", "MaxResults": "100"} {
		if q.Get(k) != v {
			t.Errorf("request %s = %q, want %q (request: %v)", k, q.Get(k), v, q)
		}
	}
}

func TestEC2StartStop(t *testing.T) {
	m, f := newFakeEC2(t)
	if err := m.Start(context.Background(), "i-0bbb"); err != nil {
		t.Fatal(err)
	}
	if err := m.Stop(context.Background(), "i-0aaa", "i-0ccc"); err != nil {
		t.Fatal(err)
	}
	if a, id := f.requests[0].Get("Action"), f.requests[0].Get("InstanceId.1"); a != "StartInstances" || id != "i-0bbb" {
		t.Errorf("first request %s %s", a, id)
	}
	if a, ids := f.requests[1].Get("Action"), f.requests[1].Get("InstanceId.1")+","+f.requests[1].Get("InstanceId.2"); a != "StopInstances" || ids != "i-0aaa,i-0ccc" {
		t.Errorf("second request %s %s", a, ids)
	}
}
