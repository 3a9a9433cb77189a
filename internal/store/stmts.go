package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the prepared statements of the hot reads on SQLite: the
// driver parses a query's SQL on every call otherwise, which cost more
// than running them (a primary-key read of the session, the athlete's
// stamp, one activity). database/sql prepares a cached statement again on
// each pooled connection that runs it. PostgreSQL's driver caches its
// statements itself.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
	w  map[string]*sql.Stmt // the batch writes' statements, on the writing connection
}

// prepareWrites keeps queries prepared on the writing connection (SQLite)
// for writeStmt. It must be called outside a transaction: the writing pool
// has one connection, which a transaction holds. A query that fails to
// prepare is left out (a transaction prepares it itself).
func (s *Store) prepareWrites(ctx context.Context, queries ...string) {
	if s.stmts == nil {
		return
	}
	c := s.stmts
	ctx = context.WithoutCancel(ctx) // no interrupting goroutine (writeBatchSQL)
	for _, q := range queries {
		c.mu.Lock()
		_, ok := c.w[q]
		c.mu.Unlock()
		if ok {
			continue
		}
		// Prepared without the lock held: the connection may be busy in
		// another goroutine's transaction, which looks statements up.
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.w == nil {
			c.w = map[string]*sql.Stmt{}
		}
		if _, ok := c.w[q]; ok {
			st.Close()
		} else {
			c.w[q] = st
		}
		c.mu.Unlock()
	}
}

// writeStmt is query's statement kept by prepareWrites, or nil.
func (s *Store) writeStmt(q string) *sql.Stmt {
	if s.stmts == nil {
		return nil
	}
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	return s.stmts.w[q]
}

// readStmt is the prepared statement of query on the reading pool, or nil
// (PostgreSQL, or the prepare failed: the caller runs the query as it is).
func (s *Store) readStmt(ctx context.Context, query string) *sql.Stmt {
	if s.stmts == nil {
		return nil
	}
	c := s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	st, err := s.rdb.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}

// readRow runs a hot single-row read (query is a constant: each distinct
// text is kept prepared for the store's life).
func (s *Store) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.readStmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.rdb.QueryRowContext(ctx, s.rebind(query), args...)
}

// readRows is readRow for reads of several rows.
func (s *Store) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.readStmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.rdb.QueryContext(ctx, s.rebind(query), args...)
}

// closeStmts closes the kept statements (Close).
func (s *Store) closeStmts() {
	if s.stmts == nil {
		return
	}
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, st := range s.stmts.m {
		st.Close()
	}
	for _, st := range s.stmts.w {
		st.Close()
	}
	s.stmts.m, s.stmts.w = nil, nil
}

// hotReads is a querier for queryAll whose queries (constants, unbound)
// are kept prepared.
type hotReads struct{ s *Store }

func (h hotReads) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return h.s.readRows(ctx, query, args...)
}
