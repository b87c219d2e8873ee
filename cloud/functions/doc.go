// Package functions holds the "one handler, three platforms" examples and the
// test that proves they agree: [example.com/cloudgo/cloud/functions/greet] is the
// handler; awslambda, gcf and azure serve it on AWS Lambda, Google Cloud
// Functions and Azure Functions. parity_test.go drives each with its platform's
// own payloads from testdata and checks that all of them answer alike.
package functions
