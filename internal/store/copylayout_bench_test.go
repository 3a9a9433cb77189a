package store

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"rekindle/internal/testkit"
)

// BenchmarkServerCopyLayouts measures what the PostgreSQL server spends
// storing the ImportVsDecode archive's large values one way or another: the
// questions each round of the import benchmark asked again with a throwaway
// probe (README, "Import benchmark"). Each op COPYs one set of values in
// one transaction into a table of its own, made for it, through a new
// connection (a new server process, as a one-off 'rekindle import' has),
// after a first query has loaded the table's catalog entries; it reports the
// server process's CPU time and minor page faults for the COPY and its
// commit (store.SampleServerCPU), the bytes stored, and any CPU the client
// spent compressing beforehand. The values:
//
//   - originals: the archive's 80 files gzipped at BestSpeed (4.4 MB), as
//     stored (STORAGE EXTERNAL, migration 00440: TOAST chunks of ~2 KB), or
//     split by the client into rows of STORAGE PLAIN, 8,000 or 1,900 bytes
//     each (small enough that nothing is toasted), keyed by the original's
//     (athlete, digest) and a sequence number or by a BIGINT id and one, and
//     once with no key at all (what the index inserts cost);
//   - tracks: the real files' track blobs, twice (2.5 MB), compressed by the
//     server with lz4 (as stored), stored as they are (EXTERNAL), or
//     compressed by the client first (compress/flate, BestSpeed and
//     Huffman only) and stored EXTERNAL.
//
// PostgreSQL only (REKINDLE_TEST_POSTGRES; the server on this machine).
//
//	REKINDLE_TEST_POSTGRES=postgres://… go test ./internal/store -run XXX -bench ServerCopyLayouts -benchtime 4x
func BenchmarkServerCopyLayouts(b *testing.B) {
	if os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
		b.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	var originals, tracks [][]byte
	for round := range 2 {
		for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
			for _, p := range testkit.Glob(b, g) {
				data, err := os.ReadFile(p)
				if err != nil || len(data) > 1<<20 {
					continue
				}
				data = append(data, fmt.Sprintf("\n<!-- copy %d -->\n", round)...)
				var z bytes.Buffer
				w, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
				w.Write(data)
				w.Close()
				originals = append(originals, z.Bytes())
			}
		}
		for _, tr := range realTracks(b, 0) {
			blob, err := EncodeTrack(tr)
			if err != nil {
				b.Fatal(err)
			}
			tracks = append(tracks, blob)
		}
	}
	compress := func(level int) func() [][]byte {
		return func() [][]byte {
			out := make([][]byte, len(tracks))
			var buf bytes.Buffer
			w, _ := flate.NewWriter(&buf, level)
			for i, t := range tracks {
				buf.Reset()
				w.Reset(&buf)
				w.Write(t)
				w.Close()
				out[i] = bytes.Clone(buf.Bytes())
			}
			return out
		}
	}
	same := func(v [][]byte) func() [][]byte { return func() [][]byte { return v } }
	layouts := []struct {
		name   string
		ddl    string          // %[1]s: the table
		values func() [][]byte // what the client sends, made in the op
		chunk  int             // split into rows of this many bytes (0: whole)
		idKey  bool            // keyed by (id BIGINT, seq INT) rather than (athlete_id, sha256, seq)
	}{
		{"originals/toast-external", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, data BYTEA, PRIMARY KEY (athlete_id, sha256));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE EXTERNAL`, same(originals), 0, false},
		{"originals/plain-8000", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, seq BIGINT, data BYTEA, PRIMARY KEY (athlete_id, sha256, seq));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE PLAIN`, same(originals), 8000, false},
		{"originals/plain-1900", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, seq BIGINT, data BYTEA, PRIMARY KEY (athlete_id, sha256, seq));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE PLAIN`, same(originals), 1900, false},
		{"originals/plain-1900-id", `CREATE TABLE %[1]s (id BIGINT, seq BIGINT, data BYTEA, PRIMARY KEY (id, seq));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE PLAIN`, same(originals), 1900, true},
		{"originals/plain-1900-id-noindex", `CREATE TABLE %[1]s (id BIGINT, seq BIGINT, data BYTEA);
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE PLAIN`, same(originals), 1900, true},
		{"originals/plain-8000-id", `CREATE TABLE %[1]s (id BIGINT, seq BIGINT, data BYTEA, PRIMARY KEY (id, seq));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE PLAIN`, same(originals), 8000, true},
		{"tracks/lz4", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, data BYTEA, PRIMARY KEY (athlete_id, sha256));
			ALTER TABLE %[1]s ALTER COLUMN data SET COMPRESSION lz4`, same(tracks), 0, false},
		{"tracks/external", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, data BYTEA, PRIMARY KEY (athlete_id, sha256));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE EXTERNAL`, same(tracks), 0, false},
		{"tracks/client-flate1-external", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, data BYTEA, PRIMARY KEY (athlete_id, sha256));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE EXTERNAL`, compress(flate.BestSpeed), 0, false},
		{"tracks/client-huffman-external", `CREATE TABLE %[1]s (athlete_id BIGINT, sha256 TEXT, data BYTEA, PRIMARY KEY (athlete_id, sha256));
			ALTER TABLE %[1]s ALTER COLUMN data SET STORAGE EXTERNAL`, compress(flate.HuffmanOnly), 0, false},
	}
	ctx := context.Background()
	for _, l := range layouts {
		b.Run(l.name, func(b *testing.B) {
			dsn := PostgresTestDSN(b)
			admin, err := sql.Open("pgx", dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer admin.Close()
			var srvCPU, cliCPU time.Duration
			var faults, stored int64
			i := 0
			for b.Loop() {
				b.StopTimer()
				tbl := fmt.Sprintf("layout_%d", i)
				i++
				if _, err := admin.ExecContext(ctx, fmt.Sprintf(l.ddl, tbl)); err != nil {
					b.Fatal(err)
				}
				u, err := url.Parse(dsn)
				if err != nil {
					b.Fatal(err)
				}
				q := u.Query()
				app := fmt.Sprintf("rekindle-layout-%d-%d", os.Getpid(), i)
				q.Set("application_name", app)
				u.RawQuery = q.Encode()
				db, err := sql.Open("pgx", u.String())
				if err != nil {
					b.Fatal(err)
				}
				db.SetMaxIdleConns(4) // the server process lives until sampled
				var n int
				if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+tbl).Scan(&n); err != nil {
					b.Fatal(err)
				}
				s0, err := SampleServerCPU(ctx, db, app)
				if err != nil {
					b.Fatal(err)
				}
				f0, err := SampleServerFaults(s0)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				c0 := testkit.ProcessCPU()
				values := l.values()
				cliCPU += testkit.ProcessCPU() - c0
				var rows [][]any
				cols := []string{"athlete_id", "sha256", "data"}
				for k, v := range values {
					key := fmt.Sprintf("%064d", k)
					piece := l.chunk
					switch {
					case piece == 0:
						rows = append(rows, []any{int64(1), key, v})
						continue
					case l.idKey:
						for s := 0; s*piece < len(v); s++ {
							rows = append(rows, []any{int64(k), int64(s), v[s*piece : min(len(v), (s+1)*piece)]})
						}
						continue
					}
					for s := 0; s*piece < len(v); s++ {
						rows = append(rows, []any{int64(1), key, int64(s), v[s*piece : min(len(v), (s+1)*piece)]})
					}
				}
				switch {
				case l.idKey:
					cols = []string{"id", "seq", "data"}
				case l.chunk > 0:
					cols = []string{"athlete_id", "sha256", "seq", "data"}
				default:
					largestFirst(rows, 2) // as the import sends them
				}
				conn, err := db.Conn(ctx)
				if err != nil {
					b.Fatal(err)
				}
				err = conn.Raw(func(dc any) error {
					tx, err := dc.(*stdlib.Conn).Conn().Begin(ctx)
					if err != nil {
						return err
					}
					defer tx.Rollback(ctx)
					if _, err := copyBinary(ctx, tx, tbl, cols, rows); err != nil {
						return err
					}
					return tx.Commit(ctx)
				})
				conn.Close()
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s1, err := SampleServerCPU(ctx, db, app)
				if err != nil {
					b.Fatal(err)
				}
				f1, err := SampleServerFaults(s1)
				if err != nil {
					b.Fatal(err)
				}
				srvCPU += s1.Since(s0)
				faults += f1.Since(f0)
				var size int64
				if err := admin.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass)`, tbl).Scan(&size); err != nil {
					b.Fatal(err)
				}
				stored += size
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(srvCPU.Microseconds())/1000/float64(b.N), "server-cpu-ms/op")
			b.ReportMetric(float64(cliCPU.Microseconds())/1000/float64(b.N), "compress-cpu-ms/op")
			b.ReportMetric(float64(faults)/float64(b.N), "server-minflt/op")
			b.ReportMetric(float64(stored)/float64(b.N)/1e6, "stored-MB/op")
		})
	}
}
