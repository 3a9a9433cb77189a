package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/units"
)

func init() {
	commands["coach"] = command{"link a coach and ask for a plan tweak: coach invite|accept|list|request|reply|show|revoke", runCoach}
}

const coachUsage = `invite | accept TOKEN --as COACH | list | request MESSAGE | reply ID TEXT | show ID | revoke COACH

  rekindle coach invite [--scopes comment,edit_plan] [--days 14]   a one-time token to give your coach
  rekindle coach accept TOKEN --as COACH                            the coach (an athlete id or account email) accepts
  rekindle coach list [--as COACH] [--json]                         your coaches and requests (or, --as, a coach's)
  rekindle coach request "Can you look at my next 4 weeks?" [--coach COACH]
                                                                    sent with today's spark report and training numbers
  rekindle coach reply ID "TEXT" [--as COACH]                       answer on a request (as the coach with --as)
  rekindle coach show ID [--json]                                   a request with its context and replies
  rekindle coach revoke COACH                                       the coach loses access

Scopes: read (always), comment (reply to requests), edit_plan (write into your plan).`

func runCoach(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("coach", coachUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	scopesFlag := fs.String("scopes", "comment", "invite: what the coach may do besides read: comment, edit_plan (comma separated)")
	days := fs.Int("days", coach.InviteDays, "invite: days the token stays valid")
	note := fs.String("note", "", "invite: a note for yourself")
	as := fs.String("as", "", "act as this coach: an athlete id or an account email")
	coachFlag := fs.String("coach", "", "request: the coach to ask (default: your only active coach)")
	athleteFlag := fs.Int64("athlete", 0, "the athlete whose requests are meant (default: this installation's athlete)")
	asOfFlag := fs.String("as-of", "", "request: the day the attached context describes, YYYY-MM-DD")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "coach", *asOfFlag)
	if err != nil {
		return err
	}
	want := map[string]int{"invite": 1, "accept": 2, "list": 1, "request": 2, "reply": 3, "show": 2, "revoke": 2}
	if n, ok := want[pos[0]]; !ok || len(pos) != n {
		fs.Usage()
		return errUsage
	}
	if *days < 1 || *days > 90 {
		fmt.Fprintln(env.Stderr, "coach: --days wants 1–90")
		return errUsage
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if *athleteFlag != 0 {
		if ath, err = app.AthleteRecord(ctx, *athleteFlag); err != nil {
			return err
		}
	}
	var coachID int64
	if *as != "" {
		if coachID, err = findPerson(ctx, app, *as); err != nil {
			return err
		}
	}
	now := env.now().UTC()
	loc := ath.Location()
	switch pos[0] {
	case "invite":
		token, inv, err := app.CoachInvite(ctx, ath.ID, athlete.InviteForm{Scopes: splitList(*scopesFlag), Days: *days, Note: *note})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"token": token, "scopes": inv.Scopes, "expires": inv.Expires.Format(time.RFC3339)})
		}
		fmt.Fprintf(env.Stdout, "Give this token to your coach (it is shown once, works once, until %s):\n\n  %s\n\nThey accept with: rekindle coach accept TOKEN --as THEIR_EMAIL (scopes: %s)\n",
			athlete.Dates(ath).DayShort(inv.Expires.In(loc)), token, coach.FormatScopes(inv.Scopes))
		return nil
	case "accept":
		if coachID == 0 {
			fmt.Fprintln(env.Stderr, "coach accept: say who the coach is with --as ID|EMAIL")
			return errUsage
		}
		lv, err := app.AcceptCoachInvite(ctx, coachID, pos[1])
		if err != nil {
			return err
		}
		l := coach.Link{AthleteID: lv.AthleteID, CoachID: lv.CoachID, Scopes: lv.Scopes, Created: lv.Created, Revoked: lv.Revoked}
		who, _ := app.Athlete(ctx, l.AthleteID)
		if *asJSON {
			return writeJSON(env.Stdout, linkJSONOf(l, who))
		}
		fmt.Fprintf(env.Stdout, "You now coach %s (%s).\n", personName(who, l.AthleteID), coach.FormatScopes(l.Scopes))
		return nil
	case "revoke":
		id, err := findPerson(ctx, app, pos[1])
		if err != nil {
			return err
		}
		if err := app.RevokeCoach(ctx, ath.ID, id); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Revoked: that coach no longer sees your data.")
		return nil
	case "list":
		return coachList(ctx, env, app, ath, coachID, *asJSON)
	case "request":
		target := int64(0)
		if *coachFlag != "" {
			if target, err = findPerson(ctx, app, *coachFlag); err != nil {
				return err
			}
		} else {
			active, err := app.ActiveCoaches(ctx, ath.ID)
			if err != nil {
				return err
			}
			switch len(active) {
			case 0:
				return rekindle.Errorf(rekindle.CodeNotFound, "no coach linked yet: rekindle coach invite")
			case 1:
				target = active[0]
			default:
				fmt.Fprintln(env.Stderr, "coach request: you have several coaches: pick one with --coach ID|EMAIL")
				return errUsage
			}
		}
		at := asOf
		if at.IsZero() {
			at = now.In(loc)
		} else {
			at = time.Date(at.Year(), at.Month(), at.Day(), 23, 59, 0, 0, loc)
		}
		r, err := app.SendCoachRequest(ctx, ath, target, pos[1], at)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, requestJSONOf(r))
		}
		fmt.Fprintf(env.Stdout, "Request %d sent with your spark report and training numbers of %s.\n", r.ID, r.Context.AsOf)
		return nil
	case "reply", "show":
		id, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			fmt.Fprintf(env.Stderr, "coach %s: %q is not a request id\n", pos[0], pos[1])
			return errUsage
		}
		r, err := app.CoachRequestRecord(ctx, ath.ID, id)
		if err != nil {
			return err
		}
		if coachID != 0 && r.CoachID != coachID {
			return fmt.Errorf("request %d: %w", id, rekindle.Errorf(rekindle.CodeForbidden, "not your request"))
		}
		if coachID != 0 {
			if ok, err := app.CoachCan(ctx, ath.ID, coachID, coach.ScopeRead); err != nil {
				return err
			} else if !ok {
				return rekindle.Errorf(rekindle.CodeForbidden, "your link to this athlete has been revoked")
			}
		}
		if pos[0] == "reply" {
			author := ath.ID
			if coachID != 0 {
				author = coachID
			}
			if err := app.ReplyCoachRequest(ctx, ath.ID, id, author, pos[2]); err != nil {
				return err
			}
			if r, err = app.CoachRequestRecord(ctx, ath.ID, id); err != nil {
				return err
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, requestJSONOf(r))
		}
		writeRequest(ctx, env, app, r, loc, athlete.Dates(ath))
		return nil
	}
	fs.Usage()
	return errUsage
}

// findPerson resolves an athlete id or an account email.
func findPerson(ctx context.Context, app *athlete.App, ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		a, err := app.AthleteRecord(ctx, id)
		if err != nil {
			return 0, err
		}
		return a.ID, nil
	}
	if strings.Contains(ref, "@") {
		acc, err := app.AccountByEmail(ctx, ref)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", ref, err)
		}
		return acc.AthleteID, nil
	}
	return 0, rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("%q: want an athlete id or an account email", ref))
}

func personName(a *rekindle.Athlete, id int64) string {
	if a == nil {
		return fmt.Sprintf("athlete %d", id)
	}
	if a.Name != "" {
		return fmt.Sprintf("%s (athlete %d)", a.Name, a.ID)
	}
	return fmt.Sprintf("athlete %d", a.ID)
}

func coachList(ctx context.Context, env *Env, app *athlete.App, ath *rekindle.Athlete, coachID int64, asJSON bool) error {
	me := ath.ID
	if coachID != 0 {
		me = coachID
	}
	links, reqs, err := app.CoachLinks(ctx, me, coachID != 0)
	if err != nil {
		return err
	}
	if asJSON {
		out := struct {
			Links    []linkJSON    `json:"links"`
			Requests []requestJSON `json:"requests"`
		}{[]linkJSON{}, []requestJSON{}}
		for _, l := range links {
			other := l.CoachID
			if coachID != 0 {
				other = l.AthleteID
			}
			who, _ := app.Athlete(ctx, other)
			out.Links = append(out.Links, linkJSONOf(l, who))
		}
		for _, r := range reqs {
			out.Requests = append(out.Requests, requestJSONOf(r))
		}
		return writeJSON(env.Stdout, out)
	}
	var b strings.Builder
	if coachID != 0 {
		b.WriteString("Athletes you coach:\n")
	} else {
		b.WriteString("Your coaches:\n")
	}
	if len(links) == 0 {
		b.WriteString("  none yet (rekindle coach invite)\n")
	}
	for _, l := range links {
		other := l.CoachID
		if coachID != 0 {
			other = l.AthleteID
		}
		who, _ := app.Athlete(ctx, other)
		state := "since " + l.Created.Format(time.DateOnly)
		if !l.Active() {
			state = "revoked " + l.Revoked.Format(time.DateOnly)
		}
		fmt.Fprintf(&b, "  %s: %s, %s\n", personName(who, other), coach.FormatScopes(l.Scopes), state)
	}
	if len(reqs) > 0 {
		b.WriteString("\nRequests:\n")
	}
	for _, r := range reqs {
		fmt.Fprintf(&b, "  %d  %s  %-8s %s\n", r.ID, r.Created.Format(time.DateOnly), r.State, coachFirstLine(r.Message, 60))
	}
	_, err = fmt.Fprint(env.Stdout, b.String())
	return err
}

func coachFirstLine(s string, n int) string {
	s = strings.SplitN(strings.TrimSpace(s), "\n", 2)[0]
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func writeRequest(ctx context.Context, env *Env, app *athlete.App, r coach.Request, loc *time.Location, lc locale.Locale) {
	var b strings.Builder
	who, _ := app.Athlete(ctx, r.AthleteID)
	fmt.Fprintf(&b, "Request %d from %s, %s (%s)\n  %s\n", r.ID, personName(who, r.AthleteID), lc.DateTime(r.Created.In(loc)), r.State, r.Message)
	if k := r.Context.Training; k != nil {
		fmt.Fprintf(&b, "\nContext on %s: fitness %.0f, fatigue %.0f, form %+.0f; %s a week, %s this week (usual %s); %s since a light week; monotony %.1f",
			r.Context.AsOf, k.Fitness, k.Fatigue, k.Form, units.Count(k.RunsPerWeek, "run", "runs"), showDist(rekindle.UnitKm, k.WeekDistanceM), showDist(rekindle.UnitKm, k.UsualWeekDistanceM), units.Count(k.WeeksSinceLightWeek, "week", "weeks"), k.Monotony)
		if k.VDOT > 0 {
			fmt.Fprintf(&b, "; VDOT %.1f", k.VDOT)
		}
		if k.Status != "" {
			fmt.Fprintf(&b, "; diagnosis: %s", k.Status)
		}
		b.WriteString("\n")
	}
	var rep spark.Report
	if len(r.Context.Spark) > 0 && json.Unmarshal(r.Context.Spark, &rep) == nil {
		for i, rec := range rep.Recommendations {
			if i == 3 {
				break
			}
			fmt.Fprintf(&b, "  idea %d: %s [%s]\n", i+1, rec.Title, rec.Strategy)
		}
	}
	var planned []plan.Session
	if len(r.Context.Plan) > 0 && json.Unmarshal(r.Context.Plan, &planned) == nil {
		fmt.Fprintf(&b, "  planned: %d sessions in the next two weeks\n", len(planned))
	}
	for _, m := range r.Messages {
		by := "athlete"
		if m.AuthorID == r.CoachID {
			by = "coach"
		}
		fmt.Fprintf(&b, "\n%s, %s:\n  %s\n", by, lc.DayShortTime(m.Created.In(loc)), m.Text)
	}
	fmt.Fprint(env.Stdout, b.String())
}

type linkJSON struct {
	AthleteID int64    `json:"athlete_id"`
	CoachID   int64    `json:"coach_id"`
	Name      string   `json:"name"`
	Scopes    []string `json:"scopes"`
	Since     string   `json:"since"`
	Revoked   string   `json:"revoked,omitempty"`
	Active    bool     `json:"active"`
}

func linkJSONOf(l coach.Link, who *rekindle.Athlete) linkJSON {
	j := linkJSON{AthleteID: l.AthleteID, CoachID: l.CoachID, Scopes: []string{}, Since: l.Created.Format(time.RFC3339), Revoked: timeOrEmpty(l.Revoked), Active: l.Active()}
	if who != nil {
		j.Name = who.Name
	}
	for _, s := range l.Scopes {
		j.Scopes = append(j.Scopes, string(s))
	}
	return j
}

type messageJSON struct {
	ID       int64  `json:"id"`
	AuthorID int64  `json:"author_id"`
	Text     string `json:"text"`
	At       string `json:"at"`
}

type requestJSON struct {
	ID        int64         `json:"id"`
	AthleteID int64         `json:"athlete_id"`
	CoachID   int64         `json:"coach_id"`
	Message   string        `json:"message"`
	State     string        `json:"state"`
	Created   string        `json:"created"`
	Context   coach.Context `json:"context"`
	Messages  []messageJSON `json:"messages"`
}

func requestJSONOf(r coach.Request) requestJSON {
	j := requestJSON{ID: r.ID, AthleteID: r.AthleteID, CoachID: r.CoachID, Message: r.Message, State: string(r.State),
		Created: r.Created.Format(time.RFC3339), Context: r.Context, Messages: []messageJSON{}}
	for _, m := range r.Messages {
		j.Messages = append(j.Messages, messageJSON{m.ID, m.AuthorID, m.Text, m.Created.Format(time.RFC3339)})
	}
	return j
}
