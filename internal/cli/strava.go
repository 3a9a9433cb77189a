package cli

import (
	"context"
	"fmt"
	"strconv"

	"rekindle/internal/athlete"
	"rekindle/internal/store"
	"rekindle/internal/strava"
)

func init() {
	commands["strava"] = command{"connect your Strava account: strava connect|code|status|disconnect", runStrava}
}

const stravaUsage = `connect | code CODE [--scope SCOPE] | status [--json] | sync | events [--json] | subscribe URL | disconnect

  rekindle strava connect            print the URL that grants rekindle access (open it in any browser)
  rekindle strava code CODE          after granting: paste the code= value of the page Strava sent you to
                                     (and --scope, its scope= value)
  rekindle strava status             connected or not, until when the token lasts, the history's progress
  rekindle strava sync               fetch the whole Strava history now (resumes where it stopped; each
                                     activity once; waits for Strava's rate limit when it is reached)
  rekindle strava events             the webhook events received, newest first (operators)
  rekindle strava subscribe URL      create the instance's push subscription: Strava validates URL
                                     (https://HOST/api/v1/strava/webhook) with REKINDLE_STRAVA_VERIFY_TOKEN
  rekindle strava disconnect         revoke rekindle's access at Strava and delete the tokens

The instance's Strava application: REKINDLE_STRAVA_CLIENT_ID, REKINDLE_STRAVA_CLIENT_SECRET,
REKINDLE_STRAVA_REDIRECT_URL (the callback registered with Strava) and REKINDLE_STRAVA_KEY
(32 bytes, hex or base64: openssl rand -hex 32) that seals the tokens at rest; for webhooks,
REKINDLE_STRAVA_VERIFY_TOKEN and REKINDLE_STRAVA_SUBSCRIPTION_ID.`

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

// stravaOptions reads the instance's Strava application from the
// environment; nil when REKINDLE_STRAVA_CLIENT_ID is unset.
func stravaOptions(env *Env) (*athlete.StravaOptions, error) {
	if env.Getenv("REKINDLE_STRAVA_CLIENT_ID") == "" {
		return nil, nil
	}
	cfg, err := stravaConfig(env)
	if err != nil {
		return nil, err
	}
	so := &athlete.StravaOptions{Config: cfg, VerifyToken: env.Getenv("REKINDLE_STRAVA_VERIFY_TOKEN")}
	if v := env.Getenv("REKINDLE_STRAVA_SUBSCRIPTION_ID"); v != "" {
		if so.SubscriptionID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, fmt.Errorf("REKINDLE_STRAVA_SUBSCRIPTION_ID %q: %w", v, err)
		}
	}
	if err := athlete.CheckStrava(so); err != nil {
		return nil, err
	}
	return so, nil
}

func runStrava(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("strava", stravaUsage, env)
	db := dbFlag(fs, env)
	scope := fs.String("scope", strava.Scope, "code: the scope= value Strava sent with the code")
	asJSON := fs.Bool("json", false, "status, events: JSON")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	so, err := stravaOptions(env)
	if err != nil {
		return err
	}
	if so == nil {
		return fmt.Errorf("strava: set REKINDLE_STRAVA_CLIENT_ID, REKINDLE_STRAVA_CLIENT_SECRET and REKINDLE_STRAVA_KEY (the instance's Strava application)")
	}
	app, ath, err := openAthleteWith(ctx, env, *db, athlete.Options{Strava: so})
	if err != nil {
		return err
	}
	defer app.Close()
	switch {
	case pos[0] == "connect" && len(pos) == 1:
		u, err := app.StravaConnectURL(ath.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Open this URL, allow rekindle to read your activities, then run 'rekindle strava code CODE' with the code= value of the page Strava sends you to:")
		fmt.Fprintln(env.Stdout, u)
		return nil
	case pos[0] == "code" && len(pos) == 2:
		if err := app.StravaCode(ctx, ath.ID, pos[1], *scope); err != nil {
			return err
		}
		v, err := app.Strava(ctx, ath.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "connected to Strava athlete %d; run 'rekindle strava sync' to fetch your history now (the server does it in the background)\n", v.StravaID)
		return nil
	case pos[0] == "status" && len(pos) == 1:
		v, err := app.Strava(ctx, ath.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, v)
		}
		if !v.Connected {
			fmt.Fprintln(env.Stdout, "not connected to Strava")
			return nil
		}
		fmt.Fprintf(env.Stdout, "connected to Strava athlete %d; token valid until %s\n", v.StravaID, v.Expiry.UTC().Format("2006-01-02 15:04 MST"))
		if sy := v.Sync; sy != nil {
			fmt.Fprintf(env.Stdout, "history: %s — %d listed, %d stored, %d already here, %d failed\n", sy.State, sy.Listed, sy.Stored, sy.Known, sy.Failed)
			if sy.LastError != "" {
				fmt.Fprintf(env.Stdout, "last error: %s\n", sy.LastError)
			}
		}
		return nil
	case pos[0] == "sync" && len(pos) == 1:
		sy, err := app.StravaBackfill(ctx, ath.ID, func(p store.StravaSync) {
			fmt.Fprintf(env.Stderr, "strava: %d listed, %d stored, %d already here, %d failed\n", p.Listed, p.Stored, p.Known, p.Failed)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Strava history fetched: %d activities stored, %d already here, %d failed\n", sy.Stored, sy.Known, sy.Failed)
		return nil
	case pos[0] == "events" && len(pos) == 1:
		evs, err := app.StravaEvents(ctx, 50)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, evs)
		}
		for _, e := range evs {
			fmt.Fprintf(env.Stdout, "%s  %s %s %d (owner %d)  %s", e.Received.Format("2006-01-02 15:04:05"), e.AspectType, e.ObjectType, e.ObjectID, e.OwnerID, e.State)
			if e.Error != "" {
				fmt.Fprintf(env.Stdout, ": %s", e.Error)
			}
			fmt.Fprintln(env.Stdout)
		}
		if len(evs) == 0 {
			fmt.Fprintln(env.Stdout, "no webhook events received")
		}
		return nil
	case pos[0] == "subscribe" && len(pos) == 2:
		id, err := app.StravaSubscribe(ctx, pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Strava push subscription %d: events go to %s (set REKINDLE_STRAVA_SUBSCRIPTION_ID=%d)\n", id, pos[1], id)
		return nil
	case pos[0] == "disconnect" && len(pos) == 1:
		if err := app.StravaDisconnect(ctx, ath.ID); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "disconnected from Strava: access revoked and tokens deleted (the activities fetched stay)")
		return nil
	}
	fs.Usage()
	return errUsage
}
