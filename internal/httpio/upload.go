package httpio

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

// ImportMultipart spools the request's files, imports them and reports
// events; the last one has status "done". emit is called from one goroutine
// at a time. Errors before the import starts are returned and nothing is
// emitted. When the client goes away (the request's context ends) the
// import stops and no "done" event is sent.
func (a *Shared) ImportMultipart(w http.ResponseWriter, r *http.Request, athleteID int64, emit func(athlete.ImportEvent)) error {
	if !a.App.CanImport() {
		return &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "importing is not available on this server yet"}
	}
	r.Body = http.MaxBytesReader(w, r.Body, a.MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return invalid("send multipart/form-data with one or more files")
	}
	dir, err := os.MkdirTemp("", uploadDirPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	defer os.RemoveAll(dir)
	var files []athlete.UploadFile
	for {
		if err := r.Context().Err(); err != nil {
			return fmt.Errorf("upload: %w", err)
		}
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return &rekindle.Error{Code: rekindle.CodeTooLarge, Message: "the upload is too large"}
			}
			return invalid("bad multipart body: " + err.Error())
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		name := cleanName(part.FileName())
		fp := filepath.Join(dir, strconv.Itoa(len(files)), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(fp), 0o700); err != nil {
			return fmt.Errorf("upload: %w", err)
		}
		f, err := os.OpenFile(fp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("upload: %w", err)
		}
		n, err := io.Copy(f, part)
		f.Close()
		part.Close()
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return &rekindle.Error{Code: rekindle.CodeTooLarge, Message: "the upload is too large"}
			}
			return invalid("upload interrupted: " + err.Error())
		}
		files = append(files, athlete.UploadFile{Name: name, Size: n, Path: fp})
		if len(files) > 100_000 {
			return invalid("too many files in one upload")
		}
	}
	if len(files) == 0 {
		return invalid("no files in the upload (field \"files\")")
	}

	// The importer calls back from its workers and its progress reporter
	// at once: one lock serialises the tally and the caller's emit.
	ctx := r.Context() // cancelled when the client goes away: the import stops
	var countMu sync.Mutex
	counts := map[string]int{}
	err = a.App.Import(ctx, athleteID, files, func(e athlete.ImportEvent) {
		countMu.Lock()
		defer countMu.Unlock()
		if e.Status != "started" {
			counts[e.Status]++
		}
		if ctx.Err() == nil {
			emit(e)
		}
	})
	a.App.Changed(athleteID)
	if ctx.Err() != nil {
		a.Log.InfoContext(ctx, "import stopped: the client went away", "athlete", athleteID, "err", err)
		return nil
	}
	done := athlete.ImportEvent{Status: "done", Total: len(files), Done: len(files)}
	if err != nil {
		_, _, msg := server.DescribeFor(r, err)
		done.Message = "import stopped: " + msg
		a.Log.ErrorContext(ctx, "import", "athlete", athleteID, "err", err)
	} else {
		countMu.Lock()
		var parts []string
		for _, k := range []string{"imported", "replaced", "partial", "duplicate", "skipped", "failed"} {
			if counts[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
			}
		}
		countMu.Unlock()
		done.Message = strings.Join(parts, ", ")
	}
	emit(done)
	return nil
}

// cleanName keeps a client-supplied relative path (folder uploads) without
// letting it climb out.
func cleanName(n string) string {
	n = strings.ReplaceAll(n, "\\", "/")
	n = path.Clean("/" + n)[1:]
	if len(n) > 300 {
		n = n[len(n)-300:]
	}
	if n == "" {
		n = "upload"
	}
	return n
}

// uploadDirPrefix starts the name of an upload's spool folder, followed by
// the server's process id: a folder whose process is gone is stale.
const uploadDirPrefix = "rekindle-upload-"

// CleanStaleUploads removes the spool folders under dir (os.TempDir() when
// empty) left by uploads of a server that was killed: those whose process
// is gone, and any older than a day. It returns how many it removed. Run it
// at start.
func CleanStaleUploads(dir string, now time.Time) (int, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("clean uploads: %w", err)
	}
	n := 0
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, uploadDirPrefix) {
			continue
		}
		pidText, _, _ := strings.Cut(strings.TrimPrefix(name, uploadDirPrefix), "-")
		pid, perr := strconv.Atoi(pidText)
		stale := perr != nil || pid <= 0 || (pid != os.Getpid() && !processAlive(pid))
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > 24*time.Hour {
			stale = true
		}
		if !stale {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return n, fmt.Errorf("clean uploads: %w", err)
		}
		n++
	}
	return n, nil
}

// processAlive reports whether a process with that id runs (on systems
// that cannot tell, it says yes and the age rule applies).
func processAlive(pid int) bool {
	if runtime.GOOS == "windows" {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
