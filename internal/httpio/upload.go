package httpio

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

// ImportMultipart spools the request's files, imports them and reports
// events; the last one has status "done". Errors before the import starts
// are returned and nothing is emitted.
func (a *Shared) ImportMultipart(w http.ResponseWriter, r *http.Request, athleteID int64, emit func(athlete.ImportEvent)) error {
	if !a.App.CanImport() {
		return &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "importing is not available on this server yet"}
	}
	r.Body = http.MaxBytesReader(w, r.Body, a.MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return invalid("send multipart/form-data with one or more files")
	}
	dir, err := os.MkdirTemp("", "rekindle-upload-")
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	defer os.RemoveAll(dir)
	var files []athlete.UploadFile
	for {
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

	counts := map[string]int{}
	err = a.App.Import(r.Context(), athleteID, files, func(e athlete.ImportEvent) {
		if e.Status != "started" {
			counts[e.Status]++
		}
		emit(e)
	})
	a.App.Changed(athleteID)
	done := athlete.ImportEvent{Status: "done", Total: len(files), Done: len(files)}
	if err != nil {
		_, _, msg := server.Describe(err)
		done.Message = "import stopped: " + msg
		a.Log.ErrorContext(r.Context(), "import", "athlete", athleteID, "err", err)
	} else {
		var parts []string
		for _, k := range []string{"imported", "partial", "duplicate", "skipped", "failed"} {
			if counts[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
			}
		}
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
