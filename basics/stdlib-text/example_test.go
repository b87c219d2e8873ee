package main

import (
	"context"
	"os"
)

// Example runs the program and compares its whole output: any change fails the test.
func Example() {
	if err := run(context.Background(), nil, os.Stdout, os.Stderr); err != nil {
		panic(err)
	}
	// Output:
	// flag: "HELLO GOPHER HELLO GOPHER", positional ["extra" "args"]
	// flag error: invalid value "many" for flag -n: parse error
	// regexp: level=INFO code=200 path=/index.html
	// regexp: level=WARN code=404 path=/missing
	// regexp: level=INFO code=500 path=/api/v1
	// regexp: a#b#c#
	// regexp: ^v\d+$ matches v42: true
	// regexp error: error parsing regexp: missing closing ): `(unclosed`
	// url: scheme=https host=example.com port=8443 path="/search/go lang" fragment=top user=user
	// url: q="cloud go" page="2"
	// url: https://user@example.com:8443/search/go%20lang?page=3&q=cloud+go&tag=a%26b#top
	// url: https://user@example.com:8443/search/docs?page=3&q=cloud+go&tag=a%26b#top
	// base64: Y2xvdWQ/Z28+ Y2xvdWQ_Z28-
	// base64: decoded "cloud?go>"
	// base64 error: illegal base64 data at input byte 3
}
