// Client asks the server.
package main

func main() {}
