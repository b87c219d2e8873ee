package srv
