// Solo is the only program of its library.
package main

func main() {}
