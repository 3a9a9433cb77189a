package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

// benchFile is one real file as an import hands it to the writer: its
// measured activities, its original and its record.
type benchFile struct {
	name, kind string
	data       []byte
	acts       []*rekindle.Activity
}

// realBenchFiles reads the real files of at most 1 MB twice over, each copy
// made distinct as the import benchmark makes them (BenchmarkImportVsDecode).
func realBenchFiles(b testing.TB) []benchFile {
	var out []benchFile
	for round := range 2 {
		for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
			for _, p := range testkit.Glob(b, g) {
				data, err := os.ReadFile(p)
				if err != nil || len(data) > 1<<20 {
					continue
				}
				kind := filepath.Ext(p)[1:]
				acts, err := decodeRealFile(p, data)
				if err != nil || len(acts) == 0 {
					continue
				}
				data = append(data, fmt.Sprintf("\n<!-- copy %d -->\n", round)...)
				sum := sha256.Sum256(data)
				for i, a := range acts {
					a.Source = rekindle.Source{Format: rekindle.SourceFormat(kind), File: p, SHA256: hex.EncodeToString(sum[:]), Index: i}
				}
				out = append(out, benchFile{name: fmt.Sprintf("%d/%s", round, filepath.Base(p)), kind: kind, data: data, acts: acts})
			}
		}
	}
	return out
}

// BenchmarkWriteBatchRealFiles writes the import benchmark's files (each
// file's activities prepared, its original compressed and its record) into
// a fresh store per op, in batches bounded as an import bounds them on
// SQLite (1.5 MiB of blobs), and reports the CPU time of the writes alone:
// preparing and compressing are done before the timer. With
// REKINDLE_TEST_POSTGRES set, "postgres" writes into a fresh schema
// (the server's CPU is not counted).
func BenchmarkWriteBatchRealFiles(b *testing.B) {
	files := realBenchFiles(b)
	origs := make([]Original, len(files))
	for i, f := range files {
		origs[i] = Original{SHA256: f.acts[0].Source.SHA256, Name: f.name, Kind: f.kind, Size: int64(len(f.data)), Data: CompressOriginal(f.data)}
	}
	dbs := []string{"sqlite"}
	if os.Getenv("REKINDLE_TEST_POSTGRES") != "" {
		dbs = append(dbs, "postgres")
	}
	for _, db := range dbs {
		b.Run(db, func(b *testing.B) {
			ctx := context.Background()
			dir := b.TempDir()
			var cpu int64
			i := 0
			for b.Loop() {
				b.StopTimer()
				dsn := filepath.Join(dir, fmt.Sprintf("w%d.db", i))
				if db == "postgres" {
					dsn = PostgresTestDSN(b)
				}
				i++
				s, err := Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				ath, err := s.DefaultAthlete(ctx)
				if err != nil {
					b.Fatal(err)
				}
				// Prepared before the clock, as the import's workers do, and
				// ids reserved as its writer reserves them.
				id, err := s.NextIDs(ctx, "activity", 256)
				if err != nil {
					b.Fatal(err)
				}
				var batches []*Batch
				cur, size := &Batch{}, 0
				for fi, f := range files {
					rec := FileRecord{SHA256: origs[fi].SHA256, Name: f.name, Format: f.kind, Size: int64(len(f.data)), Status: StatusImported}
					for _, a := range f.acts {
						a.ID = id
						id++
						p, err := Prepare(a)
						if err != nil {
							b.Fatal(err)
						}
						cur.New = append(cur.New, p)
						size += len(p.Track) + len(p.Summary)
					}
					cur.Originals = append(cur.Originals, origs[fi])
					cur.Files = append(cur.Files, rec)
					size += len(origs[fi].Data)
					if size >= 1536<<10 {
						batches = append(batches, cur)
						cur, size = &Batch{}, 0
					}
				}
				if len(cur.Files) > 0 {
					batches = append(batches, cur)
				}
				c0 := testkit.ProcessCPU()
				b.StartTimer()
				for _, bt := range batches {
					if err := s.WriteBatch(ctx, ath.ID, bt); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				cpu += int64(testkit.ProcessCPU() - c0)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu)/float64(b.N)/1e9, "cpu-s/op")
		})
	}
}
