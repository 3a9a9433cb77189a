package store

// The runner's original files (migration 00002): every imported file's bytes
// as decoded — the decompressed FIT, GPX or TCX, or a CSV file whole —
// gzip-compressed, keyed by the SHA-256 of the decoded bytes, written in the
// same transaction as the file's activities.

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	kgzip "github.com/klauspost/compress/gzip"

	"rekindle"
)

// Original is one imported file's original bytes.
type Original struct {
	SHA256 string // hex SHA-256 of the decoded bytes
	Name   string // as imported: a path or "archive.zip!member"
	Kind   string // what import recognised: fit, gpx, tcx, strava_csv, history_csv
	Size   int64  // decoded bytes
	// Data is the gzip stream of the decoded bytes (possibly several gzip
	// members back to back). ListOriginals leaves it nil.
	Data      []byte
	CreatedAt time.Time
	// StartMs is the earliest start of the activities the file gave (or of
	// those it duplicates), 0 when none; set by ListOriginals.
	StartMs int64
}

// Open returns a reader of the decoded bytes.
func (o *Original) Open() (io.ReadCloser, error) {
	zr, err := gzip.NewReader(bytes.NewReader(o.Data))
	if err != nil {
		return nil, fmt.Errorf("store: original %s: %w", o.SHA256, err)
	}
	return zr, nil
}

// Bytes returns the decoded bytes, checking them against the digest.
func (o *Original) Bytes() ([]byte, error) {
	rc, err := o.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := bytes.NewBuffer(make([]byte, 0, max(o.Size, 0)))
	if _, err := io.Copy(buf, rc); err != nil {
		return nil, fmt.Errorf("store: original %s: %w", o.SHA256, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if hex.EncodeToString(sum[:]) != o.SHA256 {
		return nil, fmt.Errorf("store: original %s: %w: the bytes do not match their digest", o.SHA256, rekindle.ErrCorrupt)
	}
	return buf.Bytes(), nil
}

// OriginalLevel is the compression level of the originals an import
// compresses itself (a loose FIT, GPX, TCX or CSV file; a zip member or
// .gz file keeps its own compressed stream): klauspost/compress's level 2,
// about half the CPU time of compress/gzip's fastest level over the real
// activity files (branch importperf29, session 29: 42 → 20 ms per pass over
// 4.4 MB) for ~5% more bytes (2.18 → 2.28 MB). Any gzip reader reads it;
// originals stored before keep their bytes.
const OriginalLevel = 2

var gzipPool = sync.Pool{New: func() any {
	w, _ := kgzip.NewWriterLevel(nil, OriginalLevel)
	return w
}}

// CompressOriginal gzips decoded bytes for an Original (fast level: import
// runs it on every file it cannot keep compressed as it came).
func CompressOriginal(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	zw := gzipPool.Get().(*kgzip.Writer)
	zw.Reset(&buf)
	zw.Write(data) // writes to a bytes.Buffer cannot fail
	zw.Close()
	gzipPool.Put(zw)
	out := buf.Bytes()
	if cap(out) > len(out)+len(out)/8+4096 {
		// Kept until the batch is written: a highly compressible file must
		// not hold the len(data)/3 bytes grown for it (a zip of many such
		// members once grew by 83 MB each).
		out = bytes.Clone(out)
	}
	return out
}

const originalUpsert = `INSERT INTO originals (athlete_id, sha256, name, kind, size, encoding, data, created_ms) VALUES (?,?,?,?,?,?,?,?)
	ON CONFLICT (athlete_id, sha256) DO UPDATE SET name = excluded.name, kind = excluded.kind, size = excluded.size,
	encoding = excluded.encoding, data = excluded.data`

var originalCols = []string{"athlete_id", "sha256", "name", "kind", "size", "encoding", "data", "created_ms"}

func originalValues(athleteID int64, o *Original, now int64) []any {
	return []any{athleteID, clean(o.SHA256), clean(o.Name), clean(o.Kind), o.Size, "gzip", o.Data, now}
}

// writeOriginalsPG replaces the batch's originals: the rows already there
// (a file that failed before and imports now) are deleted through k, which
// runs before the COPY that copy returns.
func (s *Store) writeOriginalsPG(ctx context.Context, k stmtSink, athleteID int64, origs []Original, now int64) (copy func(context.Context, pgx.Tx) error, err error) {
	if len(origs) == 0 {
		return func(context.Context, pgx.Tx) error { return nil }, nil
	}
	shas := make([]string, len(origs))
	rows := make([][]any, len(origs))
	for i := range origs {
		shas[i] = origs[i].SHA256
		rows[i] = originalValues(athleteID, &origs[i], now)
	}
	if err := k.exec(ctx, "originals", `DELETE FROM originals WHERE athlete_id = $1 AND sha256 = ANY($2)`, athleteID, shas); err != nil {
		return nil, err
	}
	largestFirst(rows, 6) // the data column
	return func(ctx context.Context, tx pgx.Tx) error {
		if _, err := copyBinary(ctx, tx, "originals", originalCols, rows); err != nil {
			return fmt.Errorf("copy originals: %w", err)
		}
		return nil
	}, nil
}

// writeOriginalsSQL upserts the batch's originals through x.
func (s *Store) writeOriginalsSQL(ctx context.Context, x execer, athleteID int64, origs []Original, now int64) error {
	for i := range origs {
		if _, err := x.ExecContext(ctx, s.rebind(originalUpsert), originalValues(athleteID, &origs[i], now)...); err != nil {
			return fmt.Errorf("original %s: %w", origs[i].Name, err)
		}
	}
	return nil
}

// ListOriginals returns an athlete's originals without their bytes, oldest
// activity first.
func (s *Store) ListOriginals(ctx context.Context, athleteID int64) ([]Original, error) {
	return queryAll(ctx, s.rdb, "list originals", s.rebind(`SELECT o.sha256, o.name, o.kind, o.size, o.created_ms,
		COALESCE((SELECT MIN(a.start_ms) FROM activities a WHERE a.athlete_id = o.athlete_id AND a.source_sha256 = o.sha256),
		         (SELECT MIN(a.start_ms) FROM duplicates d JOIN activities a ON a.athlete_id = d.athlete_id AND a.id = d.activity_id
		          WHERE d.athlete_id = o.athlete_id AND d.source_sha256 = o.sha256), 0) AS start_ms
		FROM originals o WHERE o.athlete_id = ? ORDER BY start_ms, o.name, o.sha256`), []any{athleteID}, func(rows rowScanner) (Original, error) {
		var o Original
		var created int64
		if err := rows.Scan(&o.SHA256, &o.Name, &o.Kind, &o.Size, &created, &o.StartMs); err != nil {
			return o, err
		}
		o.CreatedAt = time.UnixMilli(created).UTC()
		return o, nil
	})
}

// GetOriginal returns one original with its (compressed) bytes, or an error
// wrapping rekindle.ErrNotFound.
func (s *Store) GetOriginal(ctx context.Context, athleteID int64, sha string) (*Original, error) {
	o := &Original{SHA256: sha}
	var created int64
	var enc string
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT name, kind, size, encoding, data, created_ms FROM originals WHERE athlete_id = ? AND sha256 = ?`),
		athleteID, sha).Scan(&o.Name, &o.Kind, &o.Size, &enc, &o.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: original %s: %w", sha, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: original %s: %w", sha, err)
	}
	if enc != "gzip" {
		return nil, fmt.Errorf("store: original %s: unknown encoding %q", sha, enc)
	}
	o.CreatedAt = time.UnixMilli(created).UTC()
	return o, nil
}

// FileActivity is a stored activity of one file, as reprocess needs it.
type FileActivity struct {
	Candidate
	Name, Description, Gear string
	RPE                     float64
	SportSource             string // how the stored sport was decided ("user": the runner's)
	// Fingerprint digests every stored column (and the track) but the id
	// and creation time: equal to PreparedFingerprint of an unchanged record.
	Fingerprint string
}

// fingerprintCols are the activity columns a fingerprint covers, in
// activityInsertCols order from start_ms to detail.
var fingerprintCols = activityInsertCols[2 : len(activityInsertCols)-1]

// ActivitiesOfFile returns the activities stored from the file with this
// digest, by source index.
func (s *Store) ActivitiesOfFile(ctx context.Context, athleteID int64, sha string) ([]FileActivity, error) {
	q := `SELECT a.id, a.` + strings.Join(fingerprintCols, ", a.") + `, t.data FROM activities a
		LEFT JOIN tracks t ON t.athlete_id = a.athlete_id AND t.activity_id = a.id
		WHERE a.athlete_id = ? AND a.source_sha256 = ? ORDER BY a.source_index, a.id`
	return queryAll(ctx, s.rdb, "activities of file", s.rebind(q), []any{athleteID, sha}, func(rows rowScanner) (FileActivity, error) {
		vals := make([]any, len(fingerprintCols)+2)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return FileActivity{}, err
		}
		col := map[string]any{}
		for i, c := range fingerprintCols {
			col[c] = vals[i+1]
		}
		var f FileActivity
		f.ID = toInt(vals[0])
		f.Sport = rekindle.Sport(toString(col["sport"]))
		f.SportSource = toString(col["sport_source"])
		f.StartMs, f.EndMs = toInt(col["start_ms"]), toInt(col["end_ms"])
		f.DistanceM = toFloat(col["distance_m"])
		f.Samples = int(toInt(col["samples"]))
		if ch := toString(col["channels"]); ch != "" {
			f.Channels = strings.Count(ch, ",") + 1
		}
		f.Source = rekindle.Source{Format: rekindle.SourceFormat(toString(col["source_format"])), File: toString(col["source_file"]),
			SHA256: toString(col["source_sha256"]), Index: int(toInt(col["source_index"]))}
		f.Name, f.Description, f.Gear = toString(col["name"]), toString(col["description"]), toString(col["gear"])
		f.RPE = toFloat(col["rpe"])
		f.Fingerprint = fingerprint(vals[1:len(vals)-1], toBytes(vals[len(vals)-1]))
		return f, nil
	})
}

// PreparedFingerprint is the fingerprint p would have once stored.
func PreparedFingerprint(p *PreparedActivity) string {
	v := activityValues(0, p, 0)
	return fingerprint(v[2:len(v)-1], p.Track)
}

func fingerprint(vals []any, track []byte) string {
	h := sha256.New()
	var num [32]byte
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
		case string:
			io.WriteString(h, x)
		case []byte:
			h.Write(x)
		case int64:
			h.Write(strconv.AppendFloat(num[:0], float64(x), 'g', -1, 64))
		case int32:
			h.Write(strconv.AppendFloat(num[:0], float64(x), 'g', -1, 64))
		case float64:
			h.Write(strconv.AppendFloat(num[:0], x, 'g', -1, 64))
		default:
			fmt.Fprint(h, x)
		}
		h.Write([]byte{0})
	}
	h.Write(track)
	return hex.EncodeToString(h.Sum(nil))
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case float64:
		if math.IsNaN(x) {
			return 0
		}
		return int64(x)
	case []byte:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return n
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case []byte:
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return f
	}
	return 0
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func toBytes(v any) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case string:
		return []byte(x)
	}
	return nil
}
