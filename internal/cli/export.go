package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

func init() {
	commands["export"] = command{"write everything (original files, activities, every table) to a zip", runExport}
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("export", "", env)
	db := dbFlag(fs, env)
	out := fs.String("out", "", "the zip file to write (required; '-' for standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if *out == "-" {
		_, err := app.Export(ctx, env.Stdout, ath.ID)
		return err
	}
	// Write next to the target and rename, so a failed export leaves no
	// half-written zip under the asked-for name.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".rekindle-export-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	st, err := app.Export(ctx, tmp, ath.ID)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %d original files (%.1f MB), %d activities, %d rows in %d tables\n",
		*out, st.Originals, float64(st.OriginalBytes)/1e6, st.Activities, st.Rows, st.Tables)
	if len(st.Mismatched) > 0 {
		return errors.New(fmt.Sprint("these originals do not match their SHA-256 (written anyway): ", st.Mismatched))
	}
	return nil
}
