package cli

import (
	"context"
	"fmt"

	"rekindle/internal/store"
)

// openStore opens the database named by dsn (an SQLite path, created with its
// directory when missing, or a postgres:// URL) and migrates it.
func openStore(ctx context.Context, env *Env, dsn string) (*store.Store, error) {
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return s, nil
}
