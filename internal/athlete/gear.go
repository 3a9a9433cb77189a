package athlete

import (
	"context"
	"rekindle"
	"rekindle/internal/gear"
	"rekindle/internal/reward"
	"rekindle/internal/units"
	"strings"
	"time"
)

// GearItem is a piece of gear with its mileage.
type GearItem struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Name       string    `json:"name"`
	Brand      string    `json:"brand,omitempty"`
	DistanceM  float64   `json:"distance_m"`
	RetireAtM  float64   `json:"retire_at_m,omitempty"`
	Share      float64   `json:"share"` // of the retire distance, 0 when none
	Due        bool      `json:"due"`   // reached its retire distance
	Activities int       `json:"activities"`
	Last       time.Time `json:"last_used,omitzero"`
	Retired    time.Time `json:"retired,omitzero"`
}

// RewardItem is a reward with its condition and progress in words.
type RewardItem struct {
	ID        int64           `json:"id"`
	Text      string          `json:"text"`
	Kind      string          `json:"kind"`
	Condition string          `json:"condition"`
	Status    string          `json:"status"`
	Progress  reward.Progress `json:"progress"`
	Claimed   time.Time       `json:"claimed,omitzero"`
}

// GearView is the gear page: shoes and bikes with mileage, the reward ledger.
type GearView struct {
	Gear    []GearItem   `json:"gear"`
	Rewards []RewardItem `json:"rewards"`
}

func unitLen(u rekindle.Unit) (float64, string) {
	return units.Metres(u), units.Name(u)
}

// Gear returns the athlete's gear with mileage and rewards with progress
// now; rewards newly earned get their date recorded (as 'rekindle reward
// list' does).
func (a *App) Gear(ctx context.Context, ath *rekindle.Athlete) (*GearView, error) {
	now := a.cfg.Now()
	// The cached history: the page reads the gear, rewards and experiments
	// from the store, no activity.
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	// The mileage and reward facts of the history, once a minute (every
	// write made here starts a new cache entry).
	type gearFacts struct {
		ms []gear.Mileage
		f  *reward.Facts
	}
	gf, err := cachedView(a, c, "gear|"+now.UTC().Format("2006-01-02T15:04"), func() (gearFacts, error) {
		ms, err := a.cfg.Store.GearMileageOf(ctx, ath.ID, c.acts, now)
		if err != nil {
			return gearFacts{}, err
		}
		f, err := a.cfg.Store.RewardFactsOf(ctx, ath.ID, c.acts, ms, now)
		return gearFacts{ms, f}, err
	})
	if err != nil {
		return nil, err
	}
	ms, f := gf.ms, gf.f
	v := &GearView{Gear: []GearItem{}, Rewards: []RewardItem{}}
	for _, m := range ms {
		v.Gear = append(v.Gear, GearItem{ID: m.Gear.ID, Kind: string(m.Gear.Kind), Name: m.Gear.Name, Brand: m.Gear.Brand, DistanceM: fin(m.DistanceM),
			RetireAtM: m.Gear.RetireAtM, Share: fin(m.Share()), Due: m.Due(), Activities: m.Activities, Last: m.Last, Retired: m.Gear.Retired})
	}
	list, err := a.cfg.Store.ListRewards(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	unitM, unit := unitLen(ath.Unit)
	for i := range list {
		r := &list[i]
		p := reward.Evaluate(r, f, now)
		if p.Earned && r.Earned.IsZero() && !r.Start.After(now) {
			if err := a.cfg.Store.MarkRewardEarned(ctx, ath.ID, r.ID, p.EarnedAt); err != nil {
				return nil, err
			}
			r.Earned = p.EarnedAt
		}
		v.Rewards = append(v.Rewards, RewardItem{ID: r.ID, Text: r.Text, Kind: string(r.Kind), Condition: reward.Describe(r, f, unitM, unit),
			Status: reward.Status(r, p, unitM, unit, ath.Location(), Dates(ath)), Progress: p, Claimed: r.Claimed})
	}
	return v, nil
}

// GearForm adds shoes or a bike.
type GearForm struct {
	Kind      string  `json:"kind"` // shoes or bike
	Name      string  `json:"name"`
	Brand     string  `json:"brand,omitempty"`
	RetireAtM float64 `json:"retire_at_m,omitempty"` // default 700 km for shoes
	StartM    float64 `json:"start_m,omitempty"`     // already on it
	Default   bool    `json:"default,omitempty"`     // the default for running (shoes) or cycling (bike)
}

// AddGear stores new gear.
func (a *App) AddGear(ctx context.Context, ath *rekindle.Athlete, f GearForm) (*GearItem, error) {
	g := gear.Gear{Kind: gear.Kind(f.Kind), Name: strings.TrimSpace(f.Name), Brand: strings.TrimSpace(f.Brand), RetireAtM: f.RetireAtM, StartM: f.StartM}
	if g.Kind == "" {
		g.Kind = gear.KindShoes
	}
	if g.Kind == gear.KindShoes && g.RetireAtM == 0 {
		g.RetireAtM = 700_000
	}
	if f.Default {
		g.DefaultFor = []rekindle.Sport{rekindle.SportRunning, rekindle.SportTrailRunning, rekindle.SportTreadmill}
		if g.Kind == gear.KindBike {
			g.DefaultFor = []rekindle.Sport{rekindle.SportCycling}
		}
		g.Added = a.cfg.Now().UTC()
	}
	if err := a.cfg.Store.SaveGear(ctx, ath.ID, &g); err != nil {
		return nil, err
	}
	a.Changed(ath.ID)
	return &GearItem{ID: g.ID, Kind: string(g.Kind), Name: g.Name, Brand: g.Brand, DistanceM: g.StartM, RetireAtM: g.RetireAtM}, nil
}

// RetireGear retires a piece of gear today.
func (a *App) RetireGear(ctx context.Context, athleteID, id int64) error {
	g, err := a.cfg.Store.GetGear(ctx, athleteID, id)
	if err != nil {
		if isNotFound(err) {
			return notFound("gear")
		}
		return err
	}
	if g.Retired.IsZero() {
		g.Retired = a.cfg.Now().UTC()
		if !g.Added.IsZero() && g.Retired.Before(g.Added) {
			g.Retired = g.Added
		}
		if err := a.cfg.Store.SaveGear(ctx, athleteID, &g); err != nil {
			return err
		}
	}
	a.Changed(athleteID)
	return nil
}

// RewardForm adds a reward with at most one condition.
type RewardForm struct {
	Text      string  `json:"text"`
	Runs      int     `json:"runs,omitempty"`       // run this many times …
	DistanceM float64 `json:"distance_m,omitempty"` // … or this far …
	Days      int     `json:"days,omitempty"`       // … within this many days (default 14)
	ShoeID    int64   `json:"shoe_id,omitempty"`    // or: these shoes reach their retire distance
}

// AddReward stores a reward starting today.
func (a *App) AddReward(ctx context.Context, ath *rekindle.Athlete, f RewardForm) (*reward.Reward, error) {
	loc := ath.Location()
	y, m, d := a.cfg.Now().In(loc).Date()
	r := reward.Reward{Text: strings.TrimSpace(f.Text), Kind: reward.KindNone, Start: time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()}
	if f.Days == 0 {
		f.Days = 14
	}
	set := 0
	if f.Runs > 0 {
		r.Kind, r.Runs, r.Days = reward.KindRuns, f.Runs, f.Days
		set++
	}
	if f.DistanceM > 0 {
		r.Kind, r.DistanceM, r.Days = reward.KindDistance, f.DistanceM, f.Days
		set++
	}
	if f.ShoeID > 0 {
		g, err := a.cfg.Store.GetGear(ctx, ath.ID, f.ShoeID)
		if err != nil {
			if isNotFound(err) {
				return nil, notFound("shoes")
			}
			return nil, err
		}
		if g.Kind != gear.KindShoes || g.RetireAtM <= 0 {
			return nil, invalid(g.Label() + " are not shoes with a retire distance")
		}
		r.Kind, r.GearID = reward.KindShoe, g.ID
		set++
	}
	if set > 1 {
		return nil, invalid("one condition: runs, distance or shoes")
	}
	if err := a.cfg.Store.SaveReward(ctx, ath.ID, &r); err != nil {
		return nil, err
	}
	a.Changed(ath.ID)
	return &r, nil
}

// ClaimReward marks a reward taken now.
func (a *App) ClaimReward(ctx context.Context, athleteID, id int64) error {
	if _, err := a.cfg.Store.GetReward(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("reward")
		}
		return err
	}
	if err := a.cfg.Store.ClaimReward(ctx, athleteID, id, a.cfg.Now().UTC()); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}

// DeleteReward removes a reward.
func (a *App) DeleteReward(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeleteReward(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("reward")
		}
		return err
	}
	a.Changed(athleteID)
	return nil
}

// GearByID returns one piece of the athlete's gear (the store's not-found
// error when there is none).
func (a *App) GearByID(ctx context.Context, athleteID, id int64) (gear.Gear, error) {
	return a.cfg.Store.GetGear(ctx, athleteID, id)
}

// GearList lists all the athlete's gear, retired too.
func (a *App) GearList(ctx context.Context, athleteID int64) ([]gear.Gear, error) {
	return a.cfg.Store.ListGear(ctx, athleteID)
}

// SaveGear stores new gear (g.ID zero, set here) or updates a piece as the
// terminal edits it (retire on a day, the default sports).
func (a *App) SaveGear(ctx context.Context, athleteID int64, g *gear.Gear) error {
	if err := a.cfg.Store.SaveGear(ctx, athleteID, g); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}

// RewardByID returns one of the athlete's rewards (the store's not-found
// error when there is none).
func (a *App) RewardByID(ctx context.Context, athleteID, id int64) (reward.Reward, error) {
	return a.cfg.Store.GetReward(ctx, athleteID, id)
}

// SaveReward stores a reward as the terminal builds it (any condition,
// an accepted idea too); r.ID is set.
func (a *App) SaveReward(ctx context.Context, athleteID int64, r *reward.Reward) error {
	if err := a.cfg.Store.SaveReward(ctx, athleteID, r); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}
