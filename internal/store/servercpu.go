package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// ServerCPU is the CPU time used so far by each PostgreSQL server process
// (by pid) that serves a connection whose application_name is app: for
// benchmarks (rekindle-bench-import, ingest's ImportVsDecode).
type ServerCPU map[int]time.Duration

// SampleServerCPU reads the CPU time of the server processes behind the
// connections named app (set application_name=app in the DSN), from
// /proc/PID/schedstat: the server must run on this machine. A benchmark of
// work done through PostgreSQL adds this to its own CPU time, since the
// server's work is part of the cost. Keep the pool's connections open
// between two samples (db.SetMaxIdleConns as high as SetMaxOpenConns): a
// server process that ends in between is not counted.
func SampleServerCPU(ctx context.Context, db *sql.DB, app string) (ServerCPU, error) {
	rows, err := db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, app)
	if err != nil {
		return nil, fmt.Errorf("store: server cpu: %w", err)
	}
	defer rows.Close()
	out := ServerCPU{}
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return nil, fmt.Errorf("store: server cpu: %w", err)
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
		if err != nil {
			return nil, fmt.Errorf("store: server cpu: server process %d: %w (is the server on this machine?)", pid, err)
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return nil, fmt.Errorf("store: server cpu: server process %d: empty schedstat", pid)
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("store: server cpu: server process %d: %w", pid, err)
		}
		out[pid] = time.Duration(ns)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: server cpu: %w", err)
	}
	return out, nil
}

// Since is the CPU time the server processes used between before and p (a
// process absent from before started in between and counts whole).
func (p ServerCPU) Since(before ServerCPU) time.Duration {
	var d time.Duration
	for pid, t := range p {
		d += t - before[pid]
	}
	return d
}
