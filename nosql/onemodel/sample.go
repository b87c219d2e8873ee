package onemodel

import "time"

// Sample is the data every store is loaded with: four users and nine orders in
// the first days of March 2025. It holds two ties on purpose: o03 and o09 were
// placed at the same instant, and u1 and u4 spent the same.
func Sample() ([]User, []Order) {
	users := []User{
		{"u1", "Ada Lovelace", "ada@example.com"},
		{"u2", "Grace Hopper", "grace@example.com"},
		{"u3", "Linus Torvalds", "linus@example.com"},
		{"u4", "Barbara Liskov", "barbara@example.com"},
	}
	at := func(day, hour, min int) time.Time { return time.Date(2025, 3, day, hour, min, 0, 0, time.UTC) }
	orders := []Order{
		{"o01", "u1", at(1, 9, 15), []Item{{"book", 2, 1500}, {"pen", 3, 250}}},
		{"o02", "u2", at(1, 11, 40), []Item{{"laptop", 1, 89900}}},
		{"o03", "u1", at(2, 14, 5), []Item{{"lamp", 1, 4200}}},
		{"o04", "u3", at(2, 18, 30), []Item{{"keyboard", 1, 7900}, {"mouse", 1, 2500}}},
		{"o05", "u2", at(3, 8, 0), []Item{{"cable", 4, 900}}},
		{"o06", "u1", at(3, 21, 55), []Item{{"chair", 1, 15900}}},
		{"o07", "u3", at(4, 10, 10), []Item{{"monitor", 1, 21900}}},
		{"o08", "u1", at(5, 16, 45), []Item{{"book", 1, 1500}, {"notebook", 5, 300}}},
		{"o09", "u4", at(2, 14, 5), []Item{{"desk", 1, 26850}}},
	}
	return users, orders
}
