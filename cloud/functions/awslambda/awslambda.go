// Package awslambda serves the greet handler as an AWS Lambda function behind API
// Gateway (REST API, Lambda proxy integration): the API Gateway proxy event in,
// the proxy response out. cloud/lambda runs it on the provided.al2023 runtime.
package awslambda

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"

	"example.com/cloudgo/cloud/functions/greet"
	"github.com/aws/aws-lambda-go/events"
)

var handler = greet.Handler{DefaultName: "Lambda"}

// Handle is the Lambda function. With the proxy integration API Gateway hands it
// every method and path, so greet routes; client mistakes come back as 4xx
// responses, because a returned error becomes API Gateway's bare 502.
func Handle(_ context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body := []byte(req.Body)
	if req.IsBase64Encoded { // API Gateway's encoding of binary bodies
		b, err := base64.StdEncoding.DecodeString(req.Body)
		if err != nil {
			return response(greet.Problem(http.StatusBadRequest, "body is not valid base64")), nil
		}
		body = b
	}
	query := url.Values{}
	for k, v := range req.QueryStringParameters { // the last value of each, as API Gateway keeps it
		query.Set(k, v)
	}
	return response(handler.Serve(greet.Request{Method: req.HTTPMethod, Path: req.Path, Query: query, Body: body})), nil
}

func response(r greet.Response) events.APIGatewayProxyResponse {
	return events.APIGatewayProxyResponse{StatusCode: r.Status, Headers: r.Header, Body: string(r.Body)}
}
