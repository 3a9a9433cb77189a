package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"rekindle/internal/strava"
)

func init() {
	commands["strava"] = command{"connect your Strava account: strava connect|code|status|disconnect", runStrava}
}

const stravaUsage = `connect | code CODE [--scope SCOPE] | status | disconnect

  rekindle strava connect            print the URL that grants rekindle access (open it in any browser)
  rekindle strava code CODE          after granting: paste the code= value of the page Strava sent you to
                                     (and --scope, its scope= value)
  rekindle strava status             connected or not, and until when the current token lasts
  rekindle strava disconnect         revoke rekindle's access at Strava and delete the tokens

The instance's Strava application: REKINDLE_STRAVA_CLIENT_ID, REKINDLE_STRAVA_CLIENT_SECRET,
REKINDLE_STRAVA_REDIRECT_URL (the callback registered with Strava) and REKINDLE_STRAVA_KEY
(32 bytes, hex or base64: openssl rand -hex 32) that seals the tokens at rest.`

// stravaConfig reads the instance's Strava application from the environment.
func stravaConfig(env *Env) (strava.Config, error) {
	cfg := strava.Config{ClientID: env.Getenv("REKINDLE_STRAVA_CLIENT_ID"), ClientSecret: env.Getenv("REKINDLE_STRAVA_CLIENT_SECRET"),
		RedirectURL: env.Getenv("REKINDLE_STRAVA_REDIRECT_URL"), BaseURL: env.Getenv("REKINDLE_STRAVA_URL")}
	k := env.Getenv("REKINDLE_STRAVA_KEY")
	if k == "" {
		return cfg, fmt.Errorf("strava: set REKINDLE_STRAVA_KEY (32 bytes, e.g. openssl rand -hex 32)")
	}
	key, err := strava.ParseKey(k)
	if err != nil {
		return cfg, err
	}
	cfg.Key = key
	return cfg, nil
}

func runStrava(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("strava", stravaUsage, env)
	db := dbFlag(fs, env)
	scope := fs.String("scope", strava.Scope, "code: the scope= value Strava sent with the code")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	cfg, err := stravaConfig(env)
	if err != nil {
		return err
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	c, err := app.Strava(cfg)
	if err != nil {
		return err
	}
	switch {
	case pos[0] == "connect" && len(pos) == 1:
		b := make([]byte, 16)
		rand.Read(b)
		fmt.Fprintln(env.Stdout, "Open this URL, allow rekindle to read your activities, then run 'rekindle strava code CODE' with the code= value of the page Strava sends you to:")
		fmt.Fprintln(env.Stdout, c.AuthURL(hex.EncodeToString(b)))
		return nil
	case pos[0] == "code" && len(pos) == 2:
		tok, err := c.Exchange(ctx, ath.ID, pos[1], *scope)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "connected to Strava athlete %d\n", tok.StravaID)
		return nil
	case pos[0] == "status" && len(pos) == 1:
		ok, err := c.Connected(ctx, ath.ID)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(env.Stdout, "not connected to Strava")
			return nil
		}
		tok, err := c.Token(ctx, ath.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "connected to Strava athlete %d; token valid until %s\n", tok.StravaID, tok.Expiry.UTC().Format("2006-01-02 15:04 MST"))
		return nil
	case pos[0] == "disconnect" && len(pos) == 1:
		if err := c.Disconnect(ctx, ath.ID); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "disconnected from Strava: access revoked and tokens deleted")
		return nil
	}
	fs.Usage()
	return errUsage
}
