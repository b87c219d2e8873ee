// Package articles is the data set of the search examples: blog articles about cloud
// programming, the index design that stores them, a small hand-written sample whose
// search results you can check by eye, and a generator for bulk loads.
package articles

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/elastic/go-elasticsearch/v8/typedapi/indices/create"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/dynamicmapping"
)

// Article is one document. The JSON names are the field names in the index; zero
// values are left out, so a partial Article is a valid document too.
type Article struct {
	ID        string    `json:"-"` // the document's _id, kept outside _source
	Title     string    `json:"title,omitzero"`
	Body      string    `json:"body,omitzero"`
	Author    string    `json:"author,omitzero"`
	Category  string    `json:"category,omitzero"`
	Tags      []string  `json:"tags,omitzero"`
	Published time.Time `json:"published,omitzero"`
	Views     int       `json:"views,omitzero"`
	Rating    float64   `json:"rating,omitzero"`
}

// IndexRequest is the index design: explicit mappings and settings.
//
// Why explicit: with dynamic mapping the first document decides each field's type
// for ever ("2026-01-12" becomes a date, "42" a text field, every string both text
// and keyword). Types cannot be changed later without reindexing, so state them.
func IndexRequest() *create.Request {
	english := "english"
	ignoreAbove := 256
	dateFormat := "strict_date_optional_time||epoch_millis"
	one, zero := "1", "0"
	return &create.Request{
		Settings: &types.IndexSettings{
			// One shard is plenty below tens of GB; replicas stay unassigned on a
			// single-node cluster (health yellow), so ask for none.
			NumberOfShards:   &one,
			NumberOfReplicas: &zero,
			// How often new documents become visible to search (the default, made explicit).
			RefreshInterval: "1s",
		},
		Mappings: &types.TypeMapping{
			// strict: a document with a field not listed here is rejected, so a typo
			// ("titel") fails loudly instead of silently creating a new field.
			Dynamic: &dynamicmapping.Strict,
			Properties: map[string]types.Property{
				// text is analyzed for full-text search; the english analyzer
				// lowercases, drops stop words and stems ("searches" -> "search").
				// The .keyword multi-field indexes the same value unanalyzed, for
				// sorting, aggregations and exact matches.
				"title": types.TextProperty{Analyzer: &english, Fields: map[string]types.Property{
					"keyword": types.KeywordProperty{IgnoreAbove: &ignoreAbove},
				}},
				"body": types.TextProperty{Analyzer: &english},
				// keyword: exact values for filters, terms aggregations and sorting.
				"author":    types.KeywordProperty{},
				"category":  types.KeywordProperty{},
				"tags":      types.KeywordProperty{},
				"published": types.DateProperty{Format: &dateFormat},
				"views":     types.IntegerNumberProperty{},
				"rating":    types.FloatNumberProperty{},
			},
		},
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Sample is eight articles, small enough to predict every search and aggregation.
func Sample() []Article {
	return []Article{
		{ID: "a1", Title: "Tuning Elasticsearch bulk indexing", Author: "ana", Category: "search", Tags: []string{"elasticsearch", "performance"},
			Published: day("2026-01-12"), Views: 1200, Rating: 4.5,
			Body: "Send documents in bulk requests. One request per document wastes round trips. Bigger batches help until the cluster pushes back."},
		{ID: "a2", Title: "Redis as a cache in front of Postgres", Author: "ben", Category: "cache", Tags: []string{"redis", "postgres"},
			Published: day("2026-01-20"), Views: 800, Rating: 4.0,
			Body: "A cache answers repeated reads from memory. Keep the database as the source of truth and let cache entries expire."},
		{ID: "a3", Title: "Near real-time search explained", Author: "ana", Category: "search", Tags: []string{"elasticsearch", "refresh"},
			Published: day("2026-02-03"), Views: 950, Rating: 4.8,
			Body: "A new document becomes searchable after the next refresh. Elasticsearch offers near real-time search, not real-time search results."},
		{ID: "a4", Title: "Kafka consumer groups in practice", Author: "chen", Category: "messaging", Tags: []string{"kafka"},
			Published: day("2026-02-14"), Views: 600, Rating: 3.9,
			Body: "Consumers in one group share the partitions of a topic. Adding consumers beyond the partition count leaves some idle."},
		{ID: "a5", Title: "Full-text search with analyzers", Author: "ben", Category: "search", Tags: []string{"elasticsearch", "analysis"},
			Published: day("2026-03-01"), Views: 1500, Rating: 4.6,
			Body: "Analyzers split text into terms and normalize them. The same analyzer runs on the query, so searching for runs finds running."},
		{ID: "a6", Title: "Cache invalidation strategies", Author: "chen", Category: "cache", Tags: []string{"redis", "consistency"},
			Published: day("2026-03-09"), Views: 700, Rating: 4.2,
			Body: "Expire entries, delete them on writes, or version the keys. Each cache strategy trades freshness for load on the database."},
		{ID: "a7", Title: "Paginating search results with search_after", Author: "chen", Category: "search", Tags: []string{"elasticsearch", "pagination"},
			Published: day("2026-03-22"), Views: 400, Rating: 4.1,
			Body: "Deep pages with from and size get slower and are capped. Pass the sort values of the last hit to fetch the next page of search results."},
		{ID: "a8", Title: "Exactly-once delivery myths in messaging", Author: "ana", Category: "messaging", Tags: []string{"kafka", "rabbitmq"},
			Published: day("2026-04-02"), Views: 1100, Rating: 4.4,
			Body: "Networks lose acknowledgements, so brokers redeliver. Make consumers idempotent instead of hoping for exactly-once delivery."},
	}
}

// Generate returns n articles built from a fixed seed: the same n gives the same
// documents, with IDs g000001, g000002, ...
func Generate(n int) []Article {
	r := rand.New(rand.NewPCG(2026, 11))
	topics := []string{"search", "cache", "messaging", "compute", "network"}
	authors := []string{"ana", "ben", "chen", "dara", "eli"}
	words := []string{"cluster", "latency", "index", "shard", "replica", "queue", "broker", "cache",
		"throughput", "partition", "retry", "timeout", "consistency", "failover", "backpressure", "batch"}
	start := day("2025-01-01")
	out := make([]Article, n)
	for i := range n {
		w1, w2, w3 := words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))]
		out[i] = Article{
			ID:        fmt.Sprintf("g%06d", i+1),
			Title:     fmt.Sprintf("Notes on %s and %s", w1, w2),
			Body:      fmt.Sprintf("How %s interacts with %s under load, and why %s matters in production.", w1, w2, w3),
			Author:    authors[r.IntN(len(authors))],
			Category:  topics[r.IntN(len(topics))],
			Tags:      []string{w1, w2},
			Published: start.Add(time.Duration(r.IntN(365*24)) * time.Hour),
			Views:     r.IntN(5000),
			Rating:    float64(10+r.IntN(41)) / 10,
		}
	}
	return out
}
