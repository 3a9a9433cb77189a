// Package store keeps rekindle's data in SQLite (the embedded default, through
// modernc.org/sqlite) or PostgreSQL (through pgx). It is one concrete type over
// database/sql with embedded goose migrations; every per-athlete table has
// athlete_id leading its primary key and every query filters by it.
//
// Other domains add their own methods in their own files of this package.
// SQL is written once with '?' placeholders and passed through s.rebind, which
// turns them into $1, $2 … for PostgreSQL. Writes go through s.db (on SQLite a
// single connection, so writers never meet SQLITE_BUSY); reads may use s.rdb
// (a pool of readers on SQLite, the same pool on PostgreSQL).
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // driver "sqlite"

	"rekindle"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Dialect names the database behind a Store.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is rekindle's database.
type Store struct {
	db      *sql.DB // writes (and reads inside write transactions)
	rdb     *sql.DB // reads; == db on PostgreSQL
	dialect Dialect
	dsn     string
	clock   atomic.Pointer[func() time.Time] // nil: the wall clock
	stmts   *stmtCache                       // prepared hot reads (SQLite only)
	// maxConns is the PostgreSQL pool's size (SetMaxConns).
	maxConns atomic.Int64
}

// SetClock makes now the clock the store stamps rows with (created_ms,
// updated_ms, edited_ms, …) and fills in times the caller left zero; nil is
// the wall clock. The application sets its own clock here, so that a test
// (or a replay) on a fixed day writes the stamps of that day.
func (s *Store) SetClock(now func() time.Time) {
	if now == nil {
		s.clock.Store(nil)
		return
	}
	s.clock.Store(&now)
}

// now is the store's clock (SetClock).
func (s *Store) now() time.Time {
	if c := s.clock.Load(); c != nil {
		return (*c)()
	}
	return time.Now()
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating when needed) the database named by dsn — an SQLite
// file path or a postgres:// URL — and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("store: open: empty database name")
	}
	s := &Store{dsn: dsn}
	if IsPostgres(dsn) {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		s.db, s.rdb, s.dialect = db, db, Postgres
		s.SetMaxConns(DefaultMaxConns)
	} else {
		path := strings.TrimPrefix(dsn, "sqlite:")
		path = strings.TrimPrefix(path, "file:")
		if dir := filepath.Dir(path); dir != "." && path != ":memory:" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: open %s: %w", path, err)
			}
		}
		pragmas := sqlitePragmas(path)
		wdb, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		// One writer connection: SQLite allows one writer at a time, and
		// queueing in the pool beats spinning on SQLITE_BUSY.
		wdb.SetMaxOpenConns(1)
		wdb.SetConnMaxIdleTime(0)
		rdb, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
		if err != nil {
			wdb.Close()
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		// Readers stay open: the default keeps two idle, so under load
		// the other two were closed and opened again request after
		// request (each new connection parses the schema and starts with
		// an empty page cache).
		rdb.SetMaxOpenConns(4)
		rdb.SetMaxIdleConns(4)
		s.db, s.rdb, s.dialect = wdb, rdb, SQLite
		s.stmts = &stmtCache{}
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	return s, nil
}

// sqlitePageSize is the page size of a new SQLite database. Most of an
// athlete's bytes are blobs (kept originals, tracks, summaries) spanning
// many pages, and SQLite writes a WAL frame as two system calls per page and
// checkpoints it as two more: at 4 KiB pages an import's writer spent about
// half its CPU time in those calls. 16 KiB pages make a quarter as many. A
// database created before keeps its page size (the setting only applies to
// an empty file; in WAL mode not even VACUUM changes it).
const sqlitePageSize = 16384

// sqliteCheckpointBytes is how much WAL a commit lets grow before it copies
// the WAL back into the database (wal_autocheckpoint, counted in pages):
// SQLite's default of 1,000 pages at 4 KiB, whatever the page size, so a
// larger page neither grows the WAL nor moves checkpoints to the close.
const sqliteCheckpointBytes = 1000 * 4096

// sqlitePragmas is the connection settings for the SQLite database at path.
// The journal mode is set with the driver's _journal_mode key, which the
// driver applies after the _pragma list (that list runs sorted by name, and
// switching to WAL materialises the file and fixes its page size). WAL with
// synchronous=NORMAL: a commit survives the process crashing (it is in the
// WAL, in the operating system's hands); a power loss or kernel crash may
// lose the last commits but never leaves the database corrupt or a batch
// half-written.
func sqlitePragmas(path string) string {
	ps := sqliteFilePageSize(path)
	if ps == 0 {
		ps = sqlitePageSize
	}
	return fmt.Sprintf("_pragma=busy_timeout(10000)&_pragma=page_size(%d)&_pragma=wal_autocheckpoint(%d)&_journal_mode=WAL&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)",
		sqlitePageSize, max(1, sqliteCheckpointBytes/ps))
}

// sqliteFilePageSize reads the page size from the header of the SQLite
// database at path, or returns 0 when there is none yet (no file, an empty
// one, or not a database: then opening it decides).
func sqliteFilePageSize(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var h [18]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return 0
	}
	ps := int(h[16])<<8 | int(h[17])
	if ps == 1 {
		ps = 65536
	}
	return ps
}

// DefaultMaxConns is the PostgreSQL connections a process opens at most
// (SetMaxConns).
const DefaultMaxConns = 16

// SetMaxConns sets how many PostgreSQL connections the store opens at most
// (n < 1: DefaultMaxConns), and keeps them all open while idle (for up to
// five minutes): under load a pool that keeps fewer idle than it opens
// closes connections only to open new ones a moment later (a new
// PostgreSQL backend, authentication and every statement prepared again),
// and requests wait for that. No effect on SQLite (one writer, four
// readers).
func (s *Store) SetMaxConns(n int) {
	if s.dialect != Postgres {
		return
	}
	if n < 1 {
		n = DefaultMaxConns
	}
	s.db.SetMaxOpenConns(n)
	s.db.SetMaxIdleConns(n)
	s.db.SetConnMaxIdleTime(5 * time.Minute)
	s.maxConns.Store(int64(n))
}

// MaxConns is how many reads the store runs at once at most: its
// PostgreSQL connections (SetMaxConns), or SQLite's four readers.
func (s *Store) MaxConns() int {
	if s.dialect != Postgres {
		return 4
	}
	return int(s.maxConns.Load())
}

// PoolStats are the database/sql statistics of the store's (read) pool:
// how often and how long queries waited for a connection, and how many
// were closed idle.
func (s *Store) PoolStats() sql.DBStats { return s.rdb.Stats() }

// Close closes the database.
func (s *Store) Close() error {
	s.closeStmts()
	err := s.db.Close()
	if s.rdb != s.db {
		if e := s.rdb.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Dialect reports which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// DSN is the database name the store was opened with (another process
// opens the same database with it).
func (s *Store) DSN() string { return s.dsn }

// DB returns the underlying write pool (for tests and tools).
func (s *Store) DB() *sql.DB { return s.db }

// Migrate applies pending migrations (out of order allowed, since each domain
// numbers its own range) and returns the resulting version.
func (s *Store) Migrate(ctx context.Context) (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	if v, ok := s.upToDate(ctx, p); ok {
		return v, nil
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: migrate: version: %w", err)
	}
	return v, nil
}

// upToDate reports whether every migration p knows is recorded as applied,
// and the version goose would report (the highest recorded), from one read
// of goose's version table: what each process start (every one-off
// 'rekindle import') does on a database already migrated. goose's own check
// asks whether the table exists through the pg_tables view, lists the
// versions, takes the migration lock and reads the highest version again:
// on a new PostgreSQL server process that cost ~7 ms of server CPU (the
// view's catalogs and plan) and 10 round trips, against ~2 ms and 2 here.
// Anything else — no table yet, a version missing (a migration pending, or
// another process migrating: a migration's version is recorded with it),
// an error — leaves the answer to goose (ok false), which locks and
// migrates as before.
func (s *Store) upToDate(ctx context.Context, p *goose.Provider) (int64, bool) {
	if s.dialect == Postgres {
		// The version table goose uses is the one in current_schema();
		// asked first so that a new database does not log a failed query.
		// The simple protocol: no statement prepared for one use.
		var exists bool
		if err := s.db.QueryRowContext(ctx, `SELECT to_regclass(quote_ident(current_schema()) || '.goose_db_version') IS NOT NULL`,
			pgx.QueryExecModeSimpleProtocol).Scan(&exists); err != nil || !exists {
			return 0, false
		}
	}
	var args []any
	if s.dialect == Postgres {
		args = []any{pgx.QueryExecModeSimpleProtocol}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version_id FROM goose_db_version`, args...)
	if err != nil {
		return 0, false
	}
	defer rows.Close()
	applied := make(map[int64]bool, 512)
	var latest int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return 0, false
		}
		applied[v] = true
		latest = max(latest, v)
	}
	if rows.Err() != nil {
		return 0, false
	}
	for _, src := range p.ListSources() {
		if !applied[src.Version] {
			return 0, false
		}
	}
	return latest, true
}

// MigrationStatus lists each known migration and whether it is applied.
func (s *Store) MigrationStatus(ctx context.Context) ([]string, error) {
	p, err := s.provider()
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migration status: %w", err)
	}
	out := make([]string, 0, len(st))
	for _, m := range st {
		name := filepath.Base(m.Source.Path)
		if m.Source.Type == goose.TypeGo {
			name = "(go) " + goMigrationNames[m.Source.Version]
		}
		out = append(out, fmt.Sprintf("%05d %-8s %s", m.Source.Version, m.State, name))
	}
	return out, nil
}

// schemaLocker serialises the migrations of processes sharing one
// PostgreSQL schema (replicas starting at once) with a session advisory
// lock keyed by the schema, taken by waiting in line (pg_advisory_lock).
// goose's own locker polls one fixed key for the whole database every 5
// seconds: stores in different schemas of one database (the tests of
// several packages at once, each in a fresh schema) waited for each other,
// 5 seconds a turn, and a waiter that kept missing the free moments gave
// up after 5 minutes.
type schemaLocker struct{}

const migrateLockQuery = `hashtextextended('rekindle migrate ' || current_schema(), 0)`

func (schemaLocker) SessionLock(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+migrateLockQuery+`)`); err != nil {
		return fmt.Errorf("store: migrations: lock: %w", err)
	}
	return nil
}

func (schemaLocker) SessionUnlock(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_unlock(`+migrateLockQuery+`)`); err != nil {
		return fmt.Errorf("store: migrations: unlock: %w", err)
	}
	return nil
}

func (s *Store) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{
		goose.WithAllowOutofOrder(true),
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(slog.New(slog.DiscardHandler)),
		goose.WithGoMigrations(append(s.goMigrations(), stampMigration(s.dialect))...),
	}
	if s.dialect == Postgres {
		dialect = goose.DialectPostgres
		opts = append(opts, goose.WithSessionLocker(schemaLocker{}))
	}
	p, err := goose.NewProvider(dialect, s.db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}

// rebind turns '?' placeholders into $n for PostgreSQL. It does not look
// inside string literals: write SQL without '?' in literals.
func (s *Store) rebind(q string) string {
	if s.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// cancelledTx reports the cancel behind a transaction's failure once its
// context has ended: database/sql rolls a transaction back as soon as its
// context ends, so a statement or commit after a cancel can fail with
// ErrTxDone before any check of ctx sees it, and pgx closes a connection
// whose query was cancelled, which the transaction's next statement meets
// as driver.ErrBadConn. The error is kept (wrapped) beside the cancel.
//
// A write that met a foreign key to a row no longer there is
// rekindle.ErrNotFound (the error kept beside it): on either database the
// athlete (or the row written under) was deleted while the write ran, a
// serial order's "not found", not a server error.
func cancelledTx(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	if err != nil && isForeignKeyViolation(err) && !errors.Is(err, rekindle.ErrNotFound) {
		return fmt.Errorf("%w: deleted meanwhile (%w)", rekindle.ErrNotFound, err)
	}
	return err
}

// execer is what both *sql.DB and *sql.Tx offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// NextIDs reserves n consecutive ids from the named sequence and returns the
// first. Sequences are rows of id_seq (portable across both databases);
// another domain may use its own name, the row is created on first use.
// The reservation is one statement (nextIDs), atomic on its own: it runs
// without a transaction around it, one round trip on PostgreSQL.
func (s *Store) NextIDs(ctx context.Context, name string, n int) (_ int64, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	return s.nextIDs(ctx, s.db, name, n)
}

func (s *Store) nextIDs(ctx context.Context, x execer, name string, n int) (int64, error) {
	if n < 1 {
		n = 1
	}
	// One statement, so a sequence's first use cannot race another
	// transaction's: an UPDATE that found no row and then an INSERT met a
	// row committed in between (two replicas' first spark checks, or a
	// cancelled commit the server finished) as a duplicate key.
	var next int64
	err := x.QueryRowContext(ctx, s.rebind(`INSERT INTO id_seq (name, next_id) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET next_id = id_seq.next_id + ? RETURNING next_id`), name, int64(n)+1, n).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("store: next id %s: %w", name, err)
	}
	return next - int64(n), nil
}

// redactDSN hides a password in a postgres URL for messages.
func redactDSN(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// lockKey serialises the PostgreSQL transactions that pass the same key
// (within the schema) until the end of tx: for a read, a decision and a
// write that must not interleave with another transaction's, when there is
// no row yet to lock (the first default athlete, the first account). On
// SQLite nothing: write transactions begin IMMEDIATE on the one writer
// connection, so they run one at a time already.
func (s *Store) lockKey(ctx context.Context, tx *sql.Tx, key string) error {
	if s.dialect != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('rekindle ' || $1 || ' ' || current_schema(), 0))`, key); err != nil {
		return fmt.Errorf("store: lock %s: %w", key, err)
	}
	return nil
}

// lockAthlete serialises the PostgreSQL transactions that read an
// athlete's rows, decide and write (as lockKey) by locking the athlete's
// stamp row, which the stamp triggers lock anyway at the transaction's
// first write: taken first, it also keeps one order between that lock and
// a sequence's row (nextIDs), where the other order deadlocked. No-op on
// SQLite.
func (s *Store) lockAthlete(ctx context.Context, tx *sql.Tx, athleteID int64) error {
	if s.dialect != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT athlete_id FROM athlete_stamps WHERE athlete_id = $1 FOR UPDATE`, athleteID); err != nil {
		return fmt.Errorf("store: lock athlete %d: %w", athleteID, err)
	}
	return nil
}
