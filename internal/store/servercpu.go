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

// ServerFaults is the number of minor page faults taken so far by each
// server process (by pid) of a ServerCPU sample.
type ServerFaults map[int]int64

// SampleServerFaults reads the minor page faults of the server processes
// in cpu (a sample of SampleServerCPU), from /proc/PID/stat. A server
// process serving an import spends much of its CPU time in them: each
// 4 KiB page of shared buffers, WAL buffers or its own heap that the
// process touches for the first time costs one, and a new process has
// touched none (see README, "Import benchmark").
func SampleServerFaults(cpu ServerCPU) (ServerFaults, error) {
	out := ServerFaults{}
	for pid := range cpu {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return nil, fmt.Errorf("store: server faults: server process %d: %w", pid, err)
		}
		// The fields after the command name (which may hold spaces):
		// state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		f := strings.Fields(s[i+1:])
		if i < 0 || len(f) < 8 {
			return nil, fmt.Errorf("store: server faults: server process %d: unexpected stat %q", pid, s)
		}
		n, err := strconv.ParseInt(f[7], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("store: server faults: server process %d: %w", pid, err)
		}
		out[pid] = n
	}
	return out, nil
}

// Since is the number of faults the server processes took between before
// and p (a process absent from before counts whole).
func (p ServerFaults) Since(before ServerFaults) int64 {
	var n int64
	for pid, v := range p {
		n += v - before[pid]
	}
	return n
}
