// Exec runs a program.
package main

func main() {}
