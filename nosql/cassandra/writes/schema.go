package main

// tables are the three the walk recreates in the keyspace.
var tables = []string{
	// One partition per order; its lines are rows inside it (clustering column
	// line). A static column is stored once per partition, not once per row.
	`CREATE TABLE order_lines (
	order_id text,
	line     int,
	item     text,
	qty      int,
	status   text STATIC,
	PRIMARY KEY ((order_id), line)
)`,
	`CREATE TABLE sessions (session_id text PRIMARY KEY, user_name text)`,
	`CREATE TABLE profiles (user_name text PRIMARY KEY, email text)`,
}
