package store

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyTestRows are rows of every kind of value copyBinary takes: NULLs,
// empty and multi-byte text, small and large bytes (read from their own
// slice), a large value last in its row and one in the middle.
func copyTestRows() [][]any {
	big := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	big[7] = 0
	return [][]any{
		{int64(1), "héllo", []byte{1, 2, 3}, int64(-5)},
		{int64(2), "", big, nil},
		{int64(3), nil, []byte{}, int64(1) << 62},
		{int64(4), strings.Repeat("ü", 700), big[:copyInline+1], int64(0)},
		{int64(5), "x", []byte(nil), int64(7)},
	}
}

// TestCopyReaderPieces: the stream read a byte at a time is the stream
// read whole, and an unsupported value or a short row is an error.
func TestCopyReaderPieces(t *testing.T) {
	whole, err := io.ReadAll(&copyReader{rows: copyTestRows(), cols: 4})
	if err != nil {
		t.Fatal(err)
	}
	bytewise, err := io.ReadAll(iotest.OneByteReader(&copyReader{rows: copyTestRows(), cols: 4}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, bytewise) {
		t.Fatalf("a byte at a time: %d bytes, whole: %d", len(bytewise), len(whole))
	}
	if !bytes.HasPrefix(whole, copyHeader) || !bytes.HasSuffix(whole, []byte{0xff, 0xff}) {
		t.Fatalf("stream without its header or trailer")
	}
	for _, rows := range [][][]any{{{int64(1), 2.5, nil, nil}}, {{int64(1)}}} {
		if _, err := io.ReadAll(&copyReader{rows: rows, cols: 4}); err == nil {
			t.Fatalf("%v: no error", rows)
		}
	}
}

// TestCopyBinary copies the rows into PostgreSQL and reads them back as
// they were; an unsupported value fails the COPY and leaves the
// transaction to roll back.
func TestCopyBinary(t *testing.T) {
	dsn := PostgresTestDSN(t)
	if dsn == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE copy_test (id BIGINT, name TEXT, data BYTEA, n BIGINT)`); err != nil {
		t.Fatal(err)
	}
	withTx := func(f func(pgx.Tx) error) error {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		return conn.Raw(func(dc any) error {
			tx, err := dc.(*stdlib.Conn).Conn().Begin(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback(ctx)
			if err := f(tx); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
	}
	rows := copyTestRows()
	err = withTx(func(tx pgx.Tx) error {
		n, err := copyBinary(ctx, tx, "copy_test", []string{"id", "name", "data", "n"}, rows)
		if err == nil && n != int64(len(rows)) {
			t.Errorf("copied %d rows, want %d", n, len(rows))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.db.QueryContext(ctx, `SELECT id, name, data, n FROM copy_test ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	i := 0
	for ; got.Next(); i++ {
		var id int64
		var name sql.NullString
		var data []byte
		var n sql.NullInt64
		if err := got.Scan(&id, &name, &data, &n); err != nil {
			t.Fatal(err)
		}
		want := rows[i]
		if id != want[0] {
			t.Errorf("row %d: id %d", i, id)
		}
		if ws, ok := want[1].(string); name.Valid != ok || name.String != ws {
			t.Errorf("row %d: name %v, want %v", i, name, want[1])
		}
		wb, _ := want[2].([]byte)
		if !bytes.Equal(data, wb) || (data == nil) != (wb == nil) {
			t.Errorf("row %d: data of %d bytes (nil %v), want %d (nil %v)", i, len(data), data == nil, len(wb), wb == nil)
		}
		if wn, ok := want[3].(int64); n.Valid != ok || n.Int64 != wn {
			t.Errorf("row %d: n %v, want %v", i, n, want[3])
		}
	}
	if i != len(rows) {
		t.Fatalf("read %d rows back, want %d", i, len(rows))
	}
	err = withTx(func(tx pgx.Tx) error {
		_, err := copyBinary(ctx, tx, "copy_test", []string{"id", "name", "data", "n"}, [][]any{{int64(9), "a", []byte{1}, 1.5}})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "unsupported value float64") {
		t.Fatalf("unsupported value: %v", err)
	}
	var count int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM copy_test`).Scan(&count); err != nil || count != len(rows) {
		t.Fatalf("after the failed COPY: %d rows, %v", count, err)
	}
}
