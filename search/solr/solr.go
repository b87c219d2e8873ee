// Package solr is the search examples' data set in Solr: the articles of package
// articles as Solr documents, the schema fields that hold them, and loading them.
package solr

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/solrconn"
)

// Doc is an article as a Solr document. Zero values are left out, so a partial Doc
// is a valid document, and _version_ is sent only when set (optimistic concurrency).
type Doc struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitzero"`
	Body      string    `json:"body,omitzero"`
	Author    string    `json:"author,omitzero"`
	Category  string    `json:"category,omitzero"`
	Tags      []string  `json:"tags,omitzero"`
	Published time.Time `json:"published,omitzero"`
	Views     int       `json:"views,omitzero"`
	Rating    float64   `json:"rating,omitzero"`
	Version   int64     `json:"_version_,omitzero"`
	Score     float64   `json:"score,omitzero"` // only in answers, with fl=…,score
}

// FromArticle returns a as a Solr document.
func FromArticle(a articles.Article) Doc {
	return Doc{ID: a.ID, Title: a.Title, Body: a.Body, Author: a.Author, Category: a.Category,
		Tags: a.Tags, Published: a.Published, Views: a.Views, Rating: a.Rating}
}

// Docs returns the articles as Solr documents.
func Docs(as []articles.Article) []Doc {
	out := make([]Doc, len(as))
	for i, a := range as {
		out[i] = FromArticle(a)
	}
	return out
}

// Fields is the schema for the articles, the Solr side of articles.IndexRequest:
//   - title, body: text_en (standard tokenizer, lower case, English stop words and
//     possessives, Porter stemming), for full-text search;
//   - author, category: string (exact values, docValues: filters, facets, sorting);
//   - tags: string, multiValued (a list);
//   - published: pdate; views: pint; rating: pfloat (point fields with docValues:
//     ranges, sorting, stats).
func Fields() []solrconn.Field {
	yes := true
	return []solrconn.Field{
		{Name: "title", Type: "text_en"},
		{Name: "body", Type: "text_en"},
		{Name: "author", Type: "string"},
		{Name: "category", Type: "string"},
		{Name: "tags", Type: "string", MultiValued: &yes},
		{Name: "published", Type: "pdate"},
		{Name: "views", Type: "pint"},
		{Name: "rating", Type: "pfloat"},
	}
}

// Setup makes the core's schema hold Fields: add-field for a missing field,
// replace-field for one defined otherwise, in one Schema API request (all or
// nothing). It returns the commands it sent, "add-field title" etc.
func Setup(ctx context.Context, c *solrconn.Client) ([]string, error) {
	have, err := c.Fields(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]solrconn.Field{}
	for _, f := range have {
		byName[f.Name] = f
	}
	cmds := map[string][]any{}
	var done []string
	for _, f := range Fields() {
		cmd := "add-field"
		if old, ok := byName[f.Name]; ok {
			if old.Type == f.Type && multi(old) == multi(f) {
				continue
			}
			cmd = "replace-field"
		}
		cmds[cmd] = append(cmds[cmd], f)
		done = append(done, cmd+" "+f.Name)
	}
	if len(cmds) == 0 {
		return nil, nil
	}
	return done, c.Schema(ctx, cmds)
}

func multi(f solrconn.Field) bool { return f.MultiValued != nil && *f.MultiValued }

// Load empties the core, makes its schema hold the articles (Setup) and adds docs
// with commit=true, so the searches that follow see all of them.
func Load(ctx context.Context, c *solrconn.Client, docs []Doc) error {
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if _, err := Setup(ctx, c); err != nil {
		return err
	}
	if _, err := c.Update(ctx, docs, url.Values{"commit": {"true"}}); err != nil {
		return fmt.Errorf("load %d articles: %w", len(docs), err)
	}
	return nil
}
