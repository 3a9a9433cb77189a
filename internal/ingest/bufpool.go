package ingest

import (
	"bytes"
	"io"
	"math/bits"
	"sync"
)

// The buffers files are read into for decoding are used again: a file's
// decoded bytes are let go once it is decoded (its kept original is a
// compressed copy, or the compressed bytes it came in), and a fresh buffer
// for each file costs its allocation, its zeroing and, for large ones, the
// pages' faults again. Buffers are pooled by size class, powers of two from
// 64 KiB to 32 MiB; larger files get their own.
const (
	minPooledShift = 16
	pooledClasses  = 10
)

var bufPools [pooledClasses]sync.Pool // of *[]byte, class i holding caps ≥ 64 KiB << i

// bufClass is the smallest class whose buffers hold n bytes, -1 when none.
func bufClass(n int) int {
	if n <= 1<<minPooledShift {
		return 0
	}
	c := bits.Len(uint(n-1)) - minPooledShift
	if c >= pooledClasses {
		return -1
	}
	return c
}

// getBuf returns an empty buffer of at least n bytes' capacity (nil when n
// is beyond the pooled classes).
func getBuf(n int) []byte {
	c := bufClass(n)
	if c < 0 {
		return nil
	}
	if p, ok := bufPools[c].Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, 1<<(minPooledShift+c))
}

// putBuf gives b back to its class; nothing may use it afterwards.
func putBuf(b []byte) {
	if cap(b) < 1<<minPooledShift {
		return
	}
	c := bits.Len(uint(cap(b))) - 1 - minPooledShift // the largest class it holds
	if c >= pooledClasses {
		return
	}
	b = b[:0]
	bufPools[c].Put(&b)
}

// readPooled is readLimited into a pooled buffer (see getBuf); the caller
// gives the result back with putBuf once done with it.
func readPooled(r io.Reader, max, hint int64) ([]byte, error) {
	want := int64(bytes.MinRead) + 1
	if hint > 0 {
		want += min(hint, max)
	}
	b := getBuf(int(want))
	if b == nil {
		b = make([]byte, 0, want)
	}
	data, err := readInto(b, r, max)
	if err != nil {
		putBuf(b)
		return nil, err
	}
	return data, nil
}
