package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"

	"golang.org/x/term"
)

func init() {
	commands["user"] = command{"manage web accounts: user list | create EMAIL [--admin] | password EMAIL | delete EMAIL", runUser}
}

const userUsage = `list | create EMAIL [--name NAME] [--admin] | password EMAIL | delete EMAIL [--yes]

  list             every account: email, athlete id, admin, created, activities
  create EMAIL     a new account (the first one is the admin and takes over the
                   CLI's athlete); the password is read from standard input
                   (asked twice, not echoed, on a terminal)
  password EMAIL   set a new password (read the same way); ends the user's sessions
  delete EMAIL     delete the account and every row of the athlete's data, for good
                   (asks to type the email again on a terminal; --yes otherwise)`

func runUser(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("user", userUsage, env)
	db := dbFlag(fs, env)
	admin := fs.Bool("admin", false, "create: make the account an admin")
	name := fs.String("name", "", "create: the athlete's name")
	yes := fs.Bool("yes", false, "delete: do not ask for confirmation")
	asJSON := fs.Bool("json", false, "list: print JSON")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	verb := pos[0]
	want := map[string]int{"list": 1, "create": 2, "password": 2, "delete": 2}
	if n, ok := want[verb]; !ok || len(pos) != n {
		fs.Usage()
		return errUsage
	}
	app, err := openApp(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	switch verb {
	case "list":
		return userList(ctx, env, app, *asJSON)
	case "create":
		email := athlete.NormalizeEmail(pos[1])
		if !strings.Contains(email, "@") {
			return fmt.Errorf("%q is not an email address", pos[1])
		}
		hash, err := readNewPassword(env)
		if err != nil {
			return err
		}
		acc, err := app.CreateAccount(ctx, email, *name, hash)
		if err != nil {
			return err
		}
		if *admin && !acc.Admin {
			if err := app.SetAdmin(ctx, acc.AthleteID, true); err != nil {
				return err
			}
			acc.Admin = true
		}
		fmt.Fprintf(env.Stdout, "created %s (athlete %d%s)\n", acc.Email, acc.AthleteID, map[bool]string{true: ", admin"}[acc.Admin])
		return nil
	case "password":
		acc, err := app.AccountByEmail(ctx, pos[1])
		if err != nil {
			return noAccount(pos[1], err)
		}
		hash, err := readNewPassword(env)
		if err != nil {
			return err
		}
		if err := app.SetPassword(ctx, acc.AthleteID, hash, "", env.now()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "password of %s changed; their sessions have ended\n", acc.Email)
		return nil
	default: // delete
		acc, err := app.AccountByEmail(ctx, pos[1])
		if err != nil {
			return noAccount(pos[1], err)
		}
		if !*yes {
			f, ok := env.Stdin.(*os.File)
			if !ok || !isTerminal(f) {
				return errors.New("delete removes the athlete and all their data for good: add --yes to confirm")
			}
			fmt.Fprintf(env.Stderr, "This deletes %s (athlete %d) and all their data for good. Type the email again to confirm: ", acc.Email, acc.AthleteID)
			line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
			if athlete.NormalizeEmail(line) != acc.Email {
				return errors.New("not confirmed: nothing deleted")
			}
		}
		if err := app.DeleteAthlete(ctx, acc.AthleteID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "deleted %s (athlete %d) and all their data\n", acc.Email, acc.AthleteID)
		return nil
	}
}

func noAccount(email string, err error) error {
	if errors.Is(err, rekindle.ErrNotFound) {
		return fmt.Errorf("no account with the email %q", email)
	}
	return err
}

func userList(ctx context.Context, env *Env, app *athlete.App, asJSON bool) error {
	accs, err := app.Accounts(ctx)
	if err != nil {
		return err
	}
	type row struct {
		Email      string    `json:"email"`
		AthleteID  int64     `json:"athlete_id"`
		Admin      bool      `json:"admin"`
		Created    time.Time `json:"created"`
		Activities int       `json:"activities"`
	}
	rows := make([]row, 0, len(accs))
	for _, a := range accs {
		n, err := app.CountActivities(ctx, a.AthleteID)
		if err != nil {
			return err
		}
		rows = append(rows, row{a.Email, a.AthleteID, a.Admin, a.CreatedAt, n})
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "no accounts (create one with: rekindle user create EMAIL)")
		return nil
	}
	fmt.Fprintf(env.Stdout, "%-32s %8s %-5s %-10s %s\n", "EMAIL", "ATHLETE", "ADMIN", "CREATED", "ACTIVITIES")
	for _, r := range rows {
		fmt.Fprintf(env.Stdout, "%-32s %8d %-5v %-10s %d\n", r.Email, r.AthleteID, r.Admin, r.Created.Format("2006-01-02"), r.Activities)
	}
	return nil
}

// readNewPassword reads a password from standard input — on a terminal
// twice and without echo, otherwise the first line — checks its length and
// returns its argon2id hash.
func readNewPassword(env *Env) (string, error) {
	var pw string
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ask := func(prompt string) (string, error) {
			fmt.Fprint(env.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd())) // echo off, restored on return (also on Windows and macOS)
			fmt.Fprintln(env.Stderr)
			if err != nil {
				return "", fmt.Errorf("read password: %w", err)
			}
			return strings.TrimRight(string(b), "\r\n"), nil
		}
		p1, err := ask("New password: ")
		if err != nil {
			return "", err
		}
		p2, err := ask("Again: ")
		if err != nil {
			return "", err
		}
		if p1 != p2 {
			return "", errors.New("the passwords differ")
		}
		pw = p1
	} else {
		line, err := bufio.NewReader(io.LimitReader(env.Stdin, 4096)).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", fmt.Errorf("read password: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if len([]rune(pw)) < server.MinPasswordLen {
		return "", fmt.Errorf("the password must have at least %d characters", server.MinPasswordLen)
	}
	return server.HashPassword(pw)
}
