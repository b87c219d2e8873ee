package articles

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/refresh"
)

// Recreate deletes index if it exists and creates it with the article mappings, so
// an example starts from a known state however often it runs.
func Recreate(ctx context.Context, es *elasticsearch.TypedClient, index string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	exists, err := es.Indices.Exists(index).IsSuccess(ctx)
	if err != nil {
		return fmt.Errorf("does index %s exist: %w", index, err)
	}
	if exists {
		if _, err := es.Indices.Delete(index).Do(ctx); err != nil {
			return fmt.Errorf("delete index %s: %w", index, err)
		}
	}
	if _, err := es.Indices.Create(index).Request(IndexRequest()).Do(ctx); err != nil {
		return fmt.Errorf("create index %s: %w", index, err)
	}
	return nil
}

// Load indexes docs in one bulk request and waits until a refresh has made them
// searchable (refresh=wait_for), so the searches that follow see all of them.
// For more than a few thousand documents use esutil.BulkIndexer (see bulkload).
func Load(ctx context.Context, es *elasticsearch.TypedClient, index string, docs []Article) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	bulk := es.Bulk().Index(index).Refresh(refresh.Waitfor)
	for _, d := range docs {
		if err := bulk.IndexOp(types.IndexOperation{Id_: &d.ID}, d); err != nil {
			return fmt.Errorf("add %s to bulk request: %w", d.ID, err)
		}
	}
	res, err := bulk.Do(ctx)
	if err != nil {
		return fmt.Errorf("bulk index into %s: %w", index, err)
	}
	// A bulk request succeeds as a whole even when items fail: check each one.
	if res.Errors {
		for _, item := range res.Items {
			for _, r := range item {
				if r.Error != nil {
					return fmt.Errorf("bulk index %s into %s: %d %s: %s", *r.Id_, index, r.Status, r.Error.Type, *r.Error.Reason)
				}
			}
		}
	}
	return nil
}

// Decode unmarshals a hit's or a get's _source.
func Decode(id *string, source json.RawMessage) (Article, error) {
	var a Article
	if err := json.Unmarshal(source, &a); err != nil {
		return a, fmt.Errorf("decode _source: %w", err)
	}
	if id != nil {
		a.ID = *id
	}
	return a, nil
}
