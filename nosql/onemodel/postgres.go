package onemodel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultPostgresURL is where compose.yaml publishes PostgreSQL, with its local
// development credentials.
const DefaultPostgresURL = "postgres://cloudgo:cloudgo@127.0.0.1:5432/cloudgo?sslmode=disable"

// Postgres keeps the domain normalised: a fact is stored once, and the answers
// are computed by JOIN and GROUP BY when they are asked for.
type Postgres struct {
	meter
	conn   *pgx.Conn
	schema string
}

// postgresDDL makes the schema. The constraints are the point: an order must
// belong to a user, a quantity must be positive, an e-mail is unique.
const postgresDDL = `
CREATE TABLE users (
	id    text PRIMARY KEY,
	name  text NOT NULL,
	email text NOT NULL UNIQUE
);
CREATE TABLE orders (
	id        text PRIMARY KEY,
	user_id   text NOT NULL REFERENCES users (id),
	placed_at timestamptz NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id, placed_at DESC);
CREATE INDEX orders_by_time ON orders (placed_at);
CREATE TABLE order_items (
	order_id    text NOT NULL REFERENCES orders (id),
	line        int NOT NULL,
	sku         text NOT NULL,
	qty         int NOT NULL CHECK (qty > 0),
	price_cents bigint NOT NULL CHECK (price_cents >= 0),
	PRIMARY KEY (order_id, line)
);`

// ParsePostgresURL checks a postgres:// URL (or key=value string) without connecting.
func ParsePostgresURL(url string) (*pgx.ConnConfig, error) {
	return pgx.ParseConfig(url)
}

// OpenPostgres connects to url; the store's tables live in schema (a plain SQL
// identifier), which Reset drops and creates.
func OpenPostgres(ctx context.Context, url, schema string) (*Postgres, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse PostgreSQL URL: %w", err)
	}
	cfg.ConnectTimeout = 5 * time.Second
	cfg.RuntimeParams["search_path"] = schema
	p := &Postgres{schema: schema}
	cfg.Tracer = pgTracer{&p.meter}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	p.conn, err = pgx.ConnectConfig(ctx, cfg)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr): // the server answered: wrong password, no such database, ...
		return nil, fmt.Errorf("connect to postgres at %s: %w", addr, err)
	case err != nil:
		return nil, fmt.Errorf("postgres at %s is unreachable (start it with `make up`): %w", addr, err)
	}
	return p, nil
}

// pgTracer counts every statement pgx sends (BEGIN and COMMIT included) and the
// rows each INSERT, UPDATE or DELETE reports.
type pgTracer struct{ m *meter }

func (pgTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return ctx
}

func (t pgTracer) TraceQueryEnd(_ context.Context, _ *pgx.Conn, d pgx.TraceQueryEndData) {
	var rows int64
	if tag := d.CommandTag; tag.Insert() || tag.Update() || tag.Delete() {
		rows = tag.RowsAffected()
	}
	t.m.add(1, rows)
}

func (p *Postgres) Name() string { return "postgres" }
func (p *Postgres) Unit() string { return "rows" }

func (p *Postgres) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return p.conn.Close(ctx)
}

func (p *Postgres) Reset(ctx context.Context) error {
	schema := pgx.Identifier{p.schema}.Sanitize()
	// Without arguments pgx uses the simple protocol, which runs several statements.
	if _, err := p.conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema+";"+postgresDDL); err != nil {
		return fmt.Errorf("postgres: create schema %s: %w", p.schema, err)
	}
	// Statements prepared against the old tables must not be reused.
	return p.conn.DeallocateAll(ctx)
}

func (p *Postgres) AddUser(ctx context.Context, u User) error {
	_, err := p.conn.Exec(ctx, `INSERT INTO users (id, name, email) VALUES ($1, $2, $3)`, u.ID, u.Name, u.Email)
	if err != nil {
		return fmt.Errorf("postgres: insert user %s: %w", u.ID, err)
	}
	return nil
}

// PlaceOrder writes the order and its items in one transaction: both or neither.
// The database, not this code, checks that the user exists (the foreign key); its
// refusal is recognised by SQLSTATE 23503 on the orders_user_id_fkey constraint.
func (p *Postgres) PlaceOrder(ctx context.Context, o Order) error {
	skus, qtys, prices := make([]string, len(o.Items)), make([]int32, len(o.Items)), make([]int64, len(o.Items))
	for i, it := range o.Items {
		skus[i], qtys[i], prices[i] = it.SKU, int32(it.Qty), it.Price
	}
	err := pgx.BeginFunc(ctx, p.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO orders (id, user_id, placed_at) VALUES ($1, $2, $3)`, o.ID, o.UserID, o.At); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO order_items (order_id, line, sku, qty, price_cents)
			SELECT $1, line, sku, qty, price FROM unnest($2::text[], $3::int[], $4::bigint[]) WITH ORDINALITY AS i (sku, qty, price, line)`,
			o.ID, skus, qtys, prices)
		return err
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" && pgErr.ConstraintName == "orders_user_id_fkey" {
		return fmt.Errorf("%w %s: foreign key violation (SQLSTATE %s, constraint %s), rolled back",
			ErrUnknownUser, o.UserID, pgErr.Code, pgErr.ConstraintName)
	}
	if err != nil {
		return fmt.Errorf("postgres: place order %s: %w", o.ID, err)
	}
	return nil
}

// summarySQL is an order with its user's name and its total: a JOIN of the three
// tables, grouped by order.
const summarySQL = `
SELECT o.id, u.id, u.name, o.placed_at, sum(i.qty * i.price_cents)::bigint
FROM orders o JOIN users u ON u.id = o.user_id JOIN order_items i ON i.order_id = o.id
`

func (p *Postgres) UserOrders(ctx context.Context, user string) ([]Summary, error) {
	return p.summaries(ctx, summarySQL+`WHERE o.user_id = $1 GROUP BY o.id, u.id ORDER BY o.placed_at DESC, o.id DESC`, user)
}

func (p *Postgres) OrdersBetween(ctx context.Context, from, to time.Time) ([]Summary, error) {
	return p.summaries(ctx, summarySQL+`WHERE o.placed_at >= $1 AND o.placed_at < $2 GROUP BY o.id, u.id ORDER BY o.placed_at, o.id`, from, to)
}

func (p *Postgres) summaries(ctx context.Context, sql string, args ...any) ([]Summary, error) {
	rows, _ := p.conn.Query(ctx, sql, args...)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) {
		var s Summary
		err := r.Scan(&s.Order, &s.User, &s.Name, &s.At, &s.Total)
		s.At = s.At.UTC()
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: query orders: %w", err)
	}
	return list, nil
}

// TopCustomers counts orders with DISTINCT: the join has a row per item.
func (p *Postgres) TopCustomers(ctx context.Context, n int) ([]Spend, error) {
	rows, _ := p.conn.Query(ctx, `
SELECT u.id, u.name, count(DISTINCT o.id), sum(i.qty * i.price_cents)::bigint AS total
FROM users u JOIN orders o ON o.user_id = u.id JOIN order_items i ON i.order_id = o.id
GROUP BY u.id ORDER BY total DESC, u.id DESC LIMIT $1`, n)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Spend, error) {
		var s Spend
		err := r.Scan(&s.User, &s.Name, &s.Orders, &s.Total)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: top customers: %w", err)
	}
	return list, nil
}
