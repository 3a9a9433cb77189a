package cli

import (
	"context"
	"fmt"

	"rekindle/internal/jobs"
)

func init() {
	commands["migrate"] = command{"create or upgrade the database schema", runMigrate}
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("migrate", "", env)
	db := dbFlag(fs, env)
	status := fs.Bool("status", false, "list every migration and whether it is applied")
	if err := fs.Parse(args); err != nil {
		return err
	}
	app, err := openApp(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	v, err := app.Migrate(ctx)
	if err != nil {
		return err
	}
	// River's tables (the background jobs), by River's own migrator.
	if err := jobs.MigrateDSN(ctx, *db); err != nil {
		return err
	}
	if *status {
		lines, err := app.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		for _, l := range lines {
			fmt.Fprintln(env.Stdout, l)
		}
	}
	fmt.Fprintf(env.Stdout, "database at version %d (%s)\n", v, app.Dialect())
	return nil
}
