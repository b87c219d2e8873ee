// Server serves.
package main

func main() {}
