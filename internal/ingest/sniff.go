// Package ingest brings files and archives into the store: it recognises
// formats by content, walks folders and (nested) zip and gzip archives,
// joins Strava's activities.csv to its files, decodes in parallel, measures,
// drops duplicates and writes through one transactional writer.
package ingest

import (
	"bytes"
	"strings"

	"rekindle/internal/stravadoc"
)

// Kind is what a file is, judged by its content.
type Kind string

// Kinds.
const (
	KindFIT        Kind = "fit"
	KindGPX        Kind = "gpx"
	KindTCX        Kind = "tcx"
	KindGzip       Kind = "gzip"
	KindZip        Kind = "zip"
	KindStravaCSV  Kind = "strava_csv"  // a Strava export's activities.csv
	KindHistoryCSV Kind = "history_csv" // rekindle's summary-history CSV
	KindStravaAPI  Kind = "strava_api"  // an activity fetched from Strava's API (package stravadoc)
	KindUnknown    Kind = "unknown"
)

// SniffLen is how many leading bytes Sniff wants.
const SniffLen = 4096

// Sniff tells a file's kind from its first bytes (SniffLen is plenty).
func Sniff(head []byte) Kind {
	switch {
	case len(head) >= 12 && (head[0] == 12 || head[0] == 14) && string(head[8:12]) == ".FIT":
		return KindFIT
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return KindGzip
	case len(head) >= 4 && string(head[:4]) == "PK\x03\x04", len(head) >= 4 && string(head[:4]) == "PK\x05\x06":
		return KindZip
	}
	if stravadoc.Sniff(head) {
		return KindStravaAPI
	}
	if root := xmlRoot(head); root != "" {
		if i := strings.IndexByte(root, ':'); i >= 0 {
			root = root[i+1:]
		}
		switch root {
		case "gpx":
			return KindGPX
		case "TrainingCenterDatabase":
			return KindTCX
		}
		return KindUnknown
	}
	line := head
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(line, []byte("Activity ID,Activity Date,")) {
		return KindStravaCSV
	}
	if isHistoryHeader(string(line)) {
		return KindHistoryCSV
	}
	return KindUnknown
}

// xmlRoot returns the name of the first element, skipping a BOM, the XML
// declaration, comments, processing instructions and a doctype.
func xmlRoot(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) < 2 || b[0] != '<' {
			return ""
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return ""
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return ""
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return ""
			}
			b = b[i+1:]
		default:
			end := 1
			for end < len(b) && !strings.ContainsRune(" \t\r\n/>", rune(b[end])) {
				end++
			}
			if end == len(b) {
				return ""
			}
			return string(b[1:end])
		}
	}
}
