package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"rekindle"
)

// File statuses.
const (
	StatusImported  = "imported"
	StatusDuplicate = "duplicate"
	StatusPartial   = "partial"
	StatusFailed    = "failed"
	// StatusReplaced: imported, and a session of the file was already
	// stored from another file with less data (a phone app's GPX beside
	// the watch's FIT); the file's record took its place and the earlier
	// one is kept as its duplicate.
	StatusReplaced = "replaced"
)

// FileRecord is one imported file (by content) and its outcome.
type FileRecord struct {
	SHA256      string
	Name        string
	Format      string
	Size        int64
	Status      string
	Error       string
	Warnings    []string
	ActivityIDs []int64
	ImportedAt  time.Time
}

// Duplicate is an activity of a source that import recognised as one already
// stored (ActivityID, the record kept).
type Duplicate struct {
	ActivityID int64
	Source     rekindle.Source
	Reason     string
}

// Replacement overwrites a stored activity (keeping its id) with a richer
// record of the same session.
type Replacement struct {
	ID int64
	P  *PreparedActivity
}

// Batch is what one import transaction writes: all or nothing.
type Batch struct {
	Files      []FileRecord
	New        []*PreparedActivity // ids are allocated when A.ID is 0
	Replace    []Replacement
	Duplicates []Duplicate
	Originals  []Original // the files' original bytes (Data gzipped)
	Delete     []int64    // activities to remove (reprocess: a file now gives fewer sessions)
	Courses    []*Course  // saved courses (files with positions but no times); ids allocated when 0
}

// FileStatus returns the record of a file already seen, by content digest.
func (s *Store) FileStatus(ctx context.Context, athleteID int64, sha string) (FileRecord, bool, error) {
	var f FileRecord
	var warns, ids string
	var at int64
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT sha256, name, format, size, status, error, warnings, activity_ids, imported_ms
		FROM files WHERE athlete_id = ? AND sha256 = ?`), athleteID, sha).
		Scan(&f.SHA256, &f.Name, &f.Format, &f.Size, &f.Status, &f.Error, &warns, &ids, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("store: file status: %w", err)
	}
	if warns != "" {
		_ = json.Unmarshal([]byte(warns), &f.Warnings)
	}
	if ids != "" {
		_ = json.Unmarshal([]byte(ids), &f.ActivityIDs)
	}
	f.ImportedAt = time.UnixMilli(at).UTC()
	return f, true, nil
}

// ListFiles returns every file record of an athlete, by name.
func (s *Store) ListFiles(ctx context.Context, athleteID int64) ([]FileRecord, error) {
	return queryAll(ctx, s.rdb, "list files", s.rebind(`SELECT sha256, name, format, size, status, error, warnings, activity_ids, imported_ms
		FROM files WHERE athlete_id = ? ORDER BY name, sha256`), []any{athleteID}, func(rows rowScanner) (FileRecord, error) {
		var f FileRecord
		var warns, ids string
		var at int64
		if err := rows.Scan(&f.SHA256, &f.Name, &f.Format, &f.Size, &f.Status, &f.Error, &warns, &ids, &at); err != nil {
			return f, err
		}
		if warns != "" {
			_ = json.Unmarshal([]byte(warns), &f.Warnings)
		}
		if ids != "" {
			_ = json.Unmarshal([]byte(ids), &f.ActivityIDs)
		}
		f.ImportedAt = time.UnixMilli(at).UTC()
		return f, nil
	})
}

// ListDuplicates returns the duplicates recorded for an athlete.
func (s *Store) ListDuplicates(ctx context.Context, athleteID int64) ([]Duplicate, error) {
	return queryAll(ctx, s.rdb, "list duplicates", s.rebind(`SELECT activity_id, source_format, source_file, source_sha256, source_index, reason
		FROM duplicates WHERE athlete_id = ? ORDER BY activity_id, source_file`), []any{athleteID}, func(rows rowScanner) (Duplicate, error) {
		var d Duplicate
		var f string
		if err := rows.Scan(&d.ActivityID, &f, &d.Source.File, &d.Source.SHA256, &d.Source.Index, &d.Reason); err != nil {
			return d, err
		}
		d.Source.Format = rekindle.SourceFormat(f)
		return d, nil
	})
}

// clean makes text acceptable to both databases (valid UTF-8, no NUL).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return ""
	}
	return string(b)
}

var activityInsertCols = []string{"athlete_id", "id", "start_ms", "end_ms", "sport", "sub_sport", "name", "description",
	"device", "gear", "rpe", "source_format", "source_file", "source_sha256", "source_index", "multisport", "multisport_leg",
	"distance_m", "elapsed_s", "moving_s", "ascent_m", "avg_hr", "samples", "channels", "summary", "detail", "sport_source",
	"utc_offset_s", "created_ms"} // created_ms last: fingerprints leave it out

func activityValues(athleteID int64, p *PreparedActivity, now int64) []any {
	a := p.A
	return []any{athleteID, a.ID, a.Start.UnixMilli(), p.EndMs, clean(string(a.Sport)), clean(a.SubSport), clean(a.Name),
		clean(a.Description), clean(a.Device), clean(a.Gear), finite(a.RPE), clean(string(a.Source.Format)),
		clean(a.Source.File), clean(a.Source.SHA256), int64(a.Source.Index), clean(a.Multisport), int64(a.MultisportLeg),
		finite(a.Summary.DistanceM), finite(a.Summary.ElapsedS), finite(a.Summary.MovingS), finite(a.Summary.AscentM),
		finite(a.Summary.AvgHR), int64(p.Samples), strings.Join(p.Channels, ","), p.Summary, clean(p.Detail),
		clean(a.SportSource), utcOffset(a), now}
}

// utcOffset is the activity's device UTC offset as a column value: nil
// (NULL) when the file did not say.
func utcOffset(a *rekindle.Activity) any {
	if a.UTCOffsetS == nil {
		return nil
	}
	return int64(*a.UTCOffsetS)
}

func fileValues(athleteID int64, f *FileRecord, now int64) []any {
	return []any{athleteID, clean(f.SHA256), clean(f.Name), clean(f.Format), f.Size, f.Status, clean(f.Error),
		clean(jsonText(f.Warnings)), jsonText(f.ActivityIDs), now}
}

const fileUpsert = `INSERT INTO files (athlete_id, sha256, name, format, size, status, error, warnings, activity_ids, imported_ms)
	VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (athlete_id, sha256) DO UPDATE SET name = excluded.name, format = excluded.format,
	size = excluded.size, status = excluded.status, error = excluded.error, warnings = excluded.warnings,
	activity_ids = excluded.activity_ids, imported_ms = excluded.imported_ms`

const dupInsert = `INSERT INTO duplicates (athlete_id, source_sha256, source_index, activity_id, source_format, source_file, reason, created_ms)
	VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (athlete_id, source_sha256, source_index) DO NOTHING`

func dupValues(athleteID int64, d *Duplicate, now int64) []any {
	return []any{athleteID, clean(d.Source.SHA256), int64(d.Source.Index), d.ActivityID, clean(string(d.Source.Format)),
		clean(d.Source.File), clean(d.Reason), now}
}

func replaceSQL() string {
	var b strings.Builder
	b.WriteString(`UPDATE activities SET `)
	for i, c := range activityInsertCols[2:] {
		if i > 0 {
			b.WriteString(", ")
		}
		// What the runner set by hand outlives a richer record of the
		// same session and a reprocess.
		switch c {
		case "sport", "sport_source":
			b.WriteString(c + " = CASE WHEN sport_source = 'user' THEN " + c + " ELSE ? END")
		case "name":
			b.WriteString(c + " = CASE WHEN name_source = 'user' THEN " + c + " ELSE ? END")
		default:
			b.WriteString(c + " = ?")
		}
	}
	b.WriteString(` WHERE athlete_id = ? AND id = ?`)
	return b.String()
}

// WriteBatch stores a batch in one transaction: all of it or none of it.
// On PostgreSQL the new activities and tracks go through COPY.
func (s *Store) WriteBatch(ctx context.Context, athleteID int64, b *Batch) error {
	need := 0
	for _, p := range b.New {
		if p.A.ID == 0 {
			need++
		}
	}
	if need > 0 {
		first, err := s.NextIDs(ctx, "activity", need)
		if err != nil {
			return err
		}
		for _, p := range b.New {
			if p.A.ID == 0 {
				p.A.ID = first
				first++
			}
		}
	}
	for _, p := range b.New {
		p.A.AthleteID = athleteID
	}
	need = 0
	for _, c := range b.Courses {
		if c.ID == 0 {
			need++
		}
	}
	if need > 0 {
		first, err := s.NextIDs(ctx, "course", need)
		if err != nil {
			return err
		}
		for _, c := range b.Courses {
			if c.ID == 0 {
				c.ID = first
				first++
			}
		}
	}
	for _, r := range b.Replace {
		r.P.A.ID, r.P.A.AthleteID = r.ID, athleteID
	}
	now := s.now().UnixMilli()
	var err error
	if s.dialect == Postgres {
		err = s.writeBatchPG(ctx, athleteID, b, now)
	} else {
		err = s.writeBatchSQL(ctx, athleteID, b, now)
	}
	if err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("store: write batch: %w: %w", ErrAlreadyStored, err)
		}
		return fmt.Errorf("store: write batch: %w", err)
	}
	return nil
}

// ErrAlreadyStored reports a batch whose records another import stored
// first (the unique key on an athlete's source records, or on originals):
// concurrent imports of one file store it once.
var ErrAlreadyStored = errors.New("already stored by another import")

// isUniqueViolation reports a unique-key conflict on either database.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// isForeignKeyViolation reports a foreign key's missing row on either
// database.
func isForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

func (s *Store) writeBatchSQL(ctx context.Context, athleteID int64, b *Batch, now int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	// The transaction ends with ctx (database/sql rolls it back), but its
	// statements run under a context that never ends (stmtTx), and ctx is
	// checked before each: given a context that can end, the SQLite driver starts
	// a goroutine per statement to interrupt it, and a batch is hundreds of
	// short statements (an import's scheduling cost was mostly those
	// goroutines starting and parking). A cancel lands after at most one
	// statement, and the transaction is rolled back as before.
	//
	// The batch's statements are kept prepared on the writing connection
	// from batch to batch (an import writes one every 1.5 MiB; preparing
	// them, the activities' insert with its trigger and keys especially,
	// cost more than running them), prepared here since the transaction
	// will hold the one connection.
	chunks := activityChunks(len(b.New))
	var queries []string
	for i, k := range chunks {
		if i == 0 || k != chunks[i-1] {
			queries = append(queries, activityInsertSQL(k))
		}
	}
	if len(b.New) > 0 {
		queries = append(queries, activityInsertSQL(1), trackInsert)
	}
	if len(b.Originals) > 0 {
		queries = append(queries, originalUpsert)
	}
	if len(b.Duplicates) > 0 {
		queries = append(queries, dupInsert)
	}
	if len(b.Files) > 0 {
		queries = append(queries, fileUpsert)
	}
	s.prepareWrites(ctx, queries...)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// One prepared statement per query for the whole batch (an original,
	// a file record, a duplicate per file), not one per row.
	x := &stmtTx{Tx: tx, s: s, stmts: map[string]*sql.Stmt{}}
	defer x.close()
	rest := b.New
	for _, k := range chunks {
		if err := s.insertActivitiesSQL(ctx, x, athleteID, rest[:k], now); err != nil {
			return err
		}
		rest = rest[k:]
	}
	for _, p := range b.New {
		if p.Track == nil {
			continue
		}
		if _, err := x.ExecContext(ctx, trackInsert, athleteID, p.A.ID, p.Track); err != nil {
			return fmt.Errorf("track %s#%d: %w", p.A.Source.File, p.A.Source.Index, err)
		}
	}
	if err := s.writeOriginalsSQL(ctx, x, athleteID, b.Originals, now); err != nil {
		return err
	}
	if err := s.writeRest(ctx, sqlSink{x}, athleteID, b, now); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return tx.Commit()
}

const trackInsert = `INSERT INTO tracks (athlete_id, activity_id, data) VALUES (?,?,?)`

// maxActivityRows is the most activities one SQLite INSERT writes
// (29 values each, far below SQLite's limit of 32,766).
const maxActivityRows = 32

// activityChunks splits n new activities into the rows of each INSERT:
// powers of two, largest first (a few statement shapes kept prepared).
func activityChunks(n int) []int {
	var out []int
	for k := maxActivityRows; n > 0; {
		if n >= k {
			out = append(out, k)
			n -= k
		} else {
			k /= 2
		}
	}
	return out
}

// activityInsertSQL inserts rows activities (SQLite).
func activityInsertSQL(rows int) string {
	row := `(?` + strings.Repeat(",?", len(activityInsertCols)-1) + `)`
	return `INSERT INTO activities (` + strings.Join(activityInsertCols, ", ") + `) VALUES ` + row + strings.Repeat(","+row, rows-1)
}

// insertActivitiesSQL inserts ps with one statement (SQLite). The
// activities' stamp trigger makes SQLite keep a statement journal of every
// page the statement changes (the table's leaf, each index's, the stamp's:
// ~7 pages of 16 KiB, past its 64 KiB in memory, so written to a temporary
// file): one statement for many rows writes those pages once instead of
// once a row. A constraint that fails undoes the statement alone, and the
// rows are then inserted one by one, so the error names its activity as
// before.
func (s *Store) insertActivitiesSQL(ctx context.Context, x *stmtTx, athleteID int64, ps []*PreparedActivity, now int64) error {
	args := make([]any, 0, len(ps)*len(activityInsertCols))
	for _, p := range ps {
		args = append(args, activityValues(athleteID, p, now)...)
	}
	_, err := x.ExecContext(ctx, activityInsertSQL(len(ps)), args...)
	if err == nil {
		return nil
	}
	if len(ps) > 1 && isSQLiteConstraint(err) {
		for _, p := range ps {
			if _, err := x.ExecContext(ctx, activityInsertSQL(1), activityValues(athleteID, p, now)...); err != nil {
				return fmt.Errorf("activity %s#%d: %w", p.A.Source.File, p.A.Source.Index, err)
			}
		}
		return nil
	}
	if len(ps) > 1 {
		return fmt.Errorf("activities %s#%d to %s#%d: %w", ps[0].A.Source.File, ps[0].A.Source.Index,
			ps[len(ps)-1].A.Source.File, ps[len(ps)-1].A.Source.Index, err)
	}
	return fmt.Errorf("activity %s#%d: %w", ps[0].A.Source.File, ps[0].A.Source.Index, err)
}

// isSQLiteConstraint reports a SQLite constraint error (unique, foreign
// key, not null, check), after which SQLite has undone the statement alone
// and the transaction goes on.
func isSQLiteConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// stmtTx is a transaction whose ExecContext prepares each query once. A
// statement runs only while ctx lasts, but under a context that never ends
// (see writeBatchSQL): the transaction itself ends with its own context.
type stmtTx struct {
	*sql.Tx
	s     *Store
	stmts map[string]*sql.Stmt
}

func (t *stmtTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx)
	st := t.stmts[q]
	if st == nil {
		if kept := t.s.writeStmt(q); kept != nil {
			st = t.Tx.StmtContext(ctx, kept) // the kept statement, on this connection
		} else {
			var err error
			if st, err = t.Tx.PrepareContext(ctx, q); err != nil {
				return nil, err
			}
		}
		t.stmts[q] = st
	}
	return st.ExecContext(ctx, args...)
}

func (t *stmtTx) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// stmtSink runs the statements of writeRest: at once (database/sql), or
// queued to go to the server together (pgx.Batch). what names the record
// in an error.
type stmtSink interface {
	exec(ctx context.Context, what, q string, args ...any) error
}

// sqlSink runs each statement at once through x.
type sqlSink struct{ x execer }

func (k sqlSink) exec(ctx context.Context, what, q string, args ...any) error {
	if _, err := k.x.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// pgBatchSink queues the statements into one pgx.Batch: one round trip to
// the server for all of them.
type pgBatchSink struct {
	b    pgx.Batch
	what []string
}

func (k *pgBatchSink) exec(_ context.Context, what, q string, args ...any) error {
	k.b.Queue(q, args...)
	k.what = append(k.what, what)
	return nil
}

// send runs the queued statements in tx and returns the first error, named.
func (k *pgBatchSink) send(ctx context.Context, tx pgx.Tx) error {
	if k.b.Len() == 0 {
		return nil
	}
	br := tx.SendBatch(ctx, &k.b)
	for _, what := range k.what {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return br.Close()
}

// writeRest writes deletions, replacements, duplicates, courses and file
// records through k.
func (s *Store) writeRest(ctx context.Context, k stmtSink, athleteID int64, b *Batch, now int64) error {
	for _, id := range b.Delete {
		for _, q := range []string{
			`DELETE FROM duplicates WHERE athlete_id = ? AND activity_id = ?`,
			`DELETE FROM tracks WHERE athlete_id = ? AND activity_id = ?`,
			`DELETE FROM activities WHERE athlete_id = ? AND id = ?`,
		} {
			if err := k.exec(ctx, fmt.Sprintf("delete activity %d", id), s.rebind(q), athleteID, id); err != nil {
				return err
			}
		}
	}
	for _, r := range b.Replace {
		vals := activityValues(athleteID, r.P, now)[2:]
		vals = append(vals, athleteID, r.ID)
		what := fmt.Sprintf("replace activity %d", r.ID)
		if err := k.exec(ctx, what, s.rebind(replaceSQL()), vals...); err != nil {
			return err
		}
		if err := k.exec(ctx, what, s.rebind(`DELETE FROM tracks WHERE athlete_id = ? AND activity_id = ?`), athleteID, r.ID); err != nil {
			return err
		}
		if r.P.Track != nil {
			if err := k.exec(ctx, what, s.rebind(trackInsert), athleteID, r.ID, r.P.Track); err != nil {
				return err
			}
		}
	}
	for i := range b.Duplicates {
		if err := k.exec(ctx, "duplicate "+b.Duplicates[i].Source.File, s.rebind(dupInsert), dupValues(athleteID, &b.Duplicates[i], now)...); err != nil {
			return err
		}
	}
	if err := s.writeCourses(ctx, k, athleteID, b.Courses, now); err != nil {
		return err
	}
	for i := range b.Files {
		if err := k.exec(ctx, "file "+b.Files[i].Name, s.rebind(fileUpsert), fileValues(athleteID, &b.Files[i], now)...); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) writeBatchPG(ctx context.Context, athleteID int64, b *Batch, now int64) (err error) {
	// A cancel that pgx meets mid-statement closes the connection under
	// it, and the statement can fail with that ("use of closed network
	// connection") rather than the cancel (CI, stop 30): once ctx has
	// ended, the failure is the cancel, as on SQLite.
	defer func() { err = cancelledTx(ctx, err) }()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if len(b.New) > 0 {
			rows := make([][]any, 0, len(b.New))
			var tracks [][]any
			for _, p := range b.New {
				rows = append(rows, activityValues(athleteID, p, now))
				if p.Track != nil {
					tracks = append(tracks, []any{athleteID, p.A.ID, p.Track})
				}
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"activities"}, activityInsertCols, pgx.CopyFromRows(rows)); err != nil {
				return fmt.Errorf("copy activities: %w", err)
			}
			if len(tracks) > 0 {
				largestFirst(tracks, 2)
				if _, err := copyBinary(ctx, tx, "tracks", []string{"athlete_id", "activity_id", "data"}, tracks); err != nil {
					return fmt.Errorf("copy tracks: %w", err)
				}
			}
		}
		// Every other statement goes in one round trip (pgx.Batch).
		var rest pgBatchSink
		copyOriginals, err := s.writeOriginalsPG(ctx, &rest, athleteID, b.Originals, now)
		if err != nil {
			return err
		}
		if err := s.writeRest(ctx, &rest, athleteID, b, now); err != nil {
			return err
		}
		if err := rest.send(ctx, tx); err != nil {
			return err
		}
		if err := copyOriginals(ctx, tx); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
}

// largestFirst orders COPY rows by the size of their bytea column col,
// largest first (stable). The server process receiving the COPY allocates
// each large value (and its row, and its lz4 output) with malloc and frees it
// again; glibc trims the freed top of its heap back to the kernel past a
// threshold that it raises to the largest block freed so far. In ascending
// or arbitrary order each larger value pages fresh memory in again (a minor
// page fault per 4 KiB, dear on this kind of virtual machine); largest first,
// the threshold is set by the first row and the rest reuse its memory.
// Measured on the benchmark's originals (80 values, 4.4 MB, a fresh server
// process each time): 3,720-3,790 faults against 3,910-4,090 as the import
// ordered them and 4,490-4,620 smallest first.
func largestFirst(rows [][]any, col int) {
	slices.SortStableFunc(rows, func(a, b []any) int {
		x, _ := a[col].([]byte)
		y, _ := b[col].([]byte)
		return len(y) - len(x)
	})
}

// KnownFiles returns the digests of an athlete's files stored with any
// status but failed: the files an import need not decode again (FileStatus
// for all of them in one query).
func (s *Store) KnownFiles(ctx context.Context, athleteID int64) (map[string]bool, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT sha256 FROM files WHERE athlete_id = ? AND status <> ?`), athleteID, StatusFailed)
	if err != nil {
		return nil, fmt.Errorf("store: known files: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, fmt.Errorf("store: known files: %w", err)
		}
		out[sha] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: known files: %w", err)
	}
	return out, nil
}
