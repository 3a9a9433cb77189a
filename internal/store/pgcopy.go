package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"
)

// copyBinary COPYs rows into table's cols in PostgreSQL's binary COPY format,
// read by the connection straight from the rows' values: a large []byte
// (an original, a track blob) goes to the server from its own slice.
// pgx's CopyFrom first appends each whole row to a buffer that grows to the
// largest row, copies that buffer again through a pipe, and describes the
// table's columns in a round trip on each new connection. Values are int64
// (bigint), string (text), []byte (bytea) or nil (NULL); the columns must
// be of those types.
func copyBinary(ctx context.Context, tx pgx.Tx, table string, cols []string, rows [][]any) (int64, error) {
	q := "COPY " + pgx.Identifier{table}.Sanitize() + " (" + quoteCols(cols) + ") FROM STDIN BINARY"
	r := &copyReader{rows: rows, cols: len(cols)}
	tag, err := tx.Conn().PgConn().CopyFrom(ctx, r, q)
	if r.err != nil {
		return 0, r.err
	}
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = pgx.Identifier{c}.Sanitize()
	}
	return strings.Join(q, ", ")
}

// copyHeader starts a binary COPY stream: signature, flags, extension length.
var copyHeader = []byte("PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000")

// copyInline is the largest []byte value encoded into the reader's scratch
// with its row; a larger one is read from its own slice.
const copyInline = 512

// copyReader reads rows as a binary COPY stream.
type copyReader struct {
	rows    [][]any
	cols    int
	row     int    // next row to encode
	col     int    // next column of rows[row] to encode
	started bool   // the header was read
	ended   bool   // the trailer was read
	small   []byte // scratch: a row's fixed-size fields and lengths
	cur     []byte // bytes not read yet
	big     []byte // a large value to read after cur
	err     error  // an unsupported value (reported as the COPY's error)
}

func (r *copyReader) Read(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		if len(r.cur) == 0 {
			if r.big != nil {
				r.cur, r.big = r.big, nil
				continue
			}
			if !r.next() {
				if n > 0 {
					return n, nil
				}
				if r.err != nil {
					return 0, r.err
				}
				return 0, io.EOF
			}
			continue
		}
		c := copy(p, r.cur)
		r.cur, p, n = r.cur[c:], p[c:], n+c
	}
	return n, nil
}

// next sets cur (and maybe big) to the stream's next piece; false at its end.
func (r *copyReader) next() bool {
	if r.err != nil {
		return false
	}
	if !r.started {
		r.started, r.cur = true, copyHeader
		return true
	}
	if r.row == len(r.rows) {
		if r.ended {
			return false
		}
		r.ended, r.cur = true, []byte{0xff, 0xff}
		return true
	}
	s := r.small[:0]
	row := r.rows[r.row]
	if r.col == 0 {
		if len(row) != r.cols {
			r.err = fmt.Errorf("copy: row %d has %d values for %d columns", r.row, len(row), r.cols)
			return false
		}
		s = binary.BigEndian.AppendUint16(s, uint16(len(row)))
	}
	for r.col < len(row) && r.big == nil {
		switch v := row[r.col].(type) {
		case nil:
			s = binary.BigEndian.AppendUint32(s, 0xffffffff)
		case int64:
			s = binary.BigEndian.AppendUint32(s, 8)
			s = binary.BigEndian.AppendUint64(s, uint64(v))
		case string:
			s = binary.BigEndian.AppendUint32(s, uint32(len(v)))
			s = append(s, v...)
		case []byte:
			if v == nil { // as pgx encodes it
				s = binary.BigEndian.AppendUint32(s, 0xffffffff)
				break
			}
			s = binary.BigEndian.AppendUint32(s, uint32(len(v)))
			if len(v) > copyInline {
				r.big = v
			} else {
				s = append(s, v...)
			}
		default:
			r.err = fmt.Errorf("copy: row %d column %d: unsupported value %T", r.row, r.col, v)
			return false
		}
		r.col++
	}
	if r.col == len(row) {
		r.row, r.col = r.row+1, 0
	}
	r.small, r.cur = s, s
	return true
}
