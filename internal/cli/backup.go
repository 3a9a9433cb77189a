package cli

import (
	"context"
	"fmt"
	"os"

	"rekindle/internal/athlete"
)

func init() {
	commands["backup"] = command{"copy the SQLite database to a file while it is in use; backup --restore puts one back", runBackup}
}

const backupUsage = `

  rekindle backup FILE                     a consistent copy of the database while 'rekindle serve' runs
  rekindle backup --restore [--replace] FILE
                                           check FILE and make it the database (--replace an existing one;
                                           stop the server first)

PostgreSQL is backed up with its own tools:
  pg_dump --format=custom --file=rekindle.dump "$REKINDLE_DB"
  pg_restore --clean --if-exists --dbname="$REKINDLE_DB" rekindle.dump`

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("backup", backupUsage, env)
	db := dbFlag(fs, env)
	restore := fs.Bool("restore", false, "make FILE the database")
	replace := fs.Bool("replace", false, "restore: replace an existing database")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "backup: want one FILE")
		return errUsage
	}
	file := rest[0]
	if *restore {
		if err := athlete.Restore(ctx, file, *db, *replace); err != nil {
			return err
		}
		app, err := openApp(ctx, env, *db) // brings the schema up to date
		if err != nil {
			return err
		}
		defer app.Close()
		fmt.Fprintf(env.Stdout, "restored %s into %s\n", file, *db)
		return nil
	}
	app, err := openApp(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if err := app.Backup(ctx, file); err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backed up to %s (%.1f MB)\n", file, float64(fi.Size())/1e6)
	return nil
}
