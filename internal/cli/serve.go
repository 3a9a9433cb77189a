package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	httppprof "net/http/pprof"
	"net/netip"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"rekindle/internal/httpio"
	"rekindle/internal/ingest"
	"rekindle/internal/jobs"
	"rekindle/internal/notify"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/web"
	"rekindle/internal/webpush"
)

func init() {
	commands["serve"] = command{"run the web app and JSON API", runServe}
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("serve", "", env)
	db := dbFlag(fs, env)
	addr := fs.String("addr", envOr(env, "REKINDLE_ADDR", ":8080"), "listen address (env REKINDLE_ADDR)")
	single := fs.Bool("single-user", env.Getenv("REKINDLE_SINGLE_USER") == "1",
		"laptop mode: clients on loopback act as the default athlete without logging in; --addr must be a loopback address (env REKINDLE_SINGLE_USER=1)")
	tiles := fs.String("tiles", envOr(env, "REKINDLE_TILES", web.DefaultTileURL), "map tile URL template; empty for the offline SVG map only (env REKINDLE_TILES)")
	attribution := fs.String("tiles-attribution", envOr(env, "REKINDLE_TILES_ATTRIBUTION", web.DefaultAttribution), "map tile attribution HTML (env REKINDLE_TILES_ATTRIBUTION)")
	hsts := fs.Bool("hsts", false, "send Strict-Transport-Security (serve behind TLS)")
	metricsAllow := fs.String("metrics-allow", envOr(env, "REKINDLE_METRICS_ALLOW", "127.0.0.1/8,::1"),
		"comma-separated addresses or CIDR networks that may read /metrics without a token; requests through a proxy (X-Forwarded-For) never pass on their address (env REKINDLE_METRICS_ALLOW; empty: none)")
	metricsToken := fs.String("metrics-token", env.Getenv("REKINDLE_METRICS_TOKEN"), "a bearer token that may read /metrics from anywhere (env REKINDLE_METRICS_TOKEN)")
	logFormat := fs.String("log-format", envOr(env, "REKINDLE_LOG_FORMAT", "text"), "request log format: text or json")
	verbose := fs.Bool("v", false, "debug logging")
	logLevel := fs.String("log-level", envOr(env, "REKINDLE_LOG_LEVEL", "info"), "lowest level logged: debug, info (every request), warn or error (env REKINDLE_LOG_LEVEL)")
	smtpAddr := fs.String("smtp", env.Getenv("REKINDLE_SMTP"), "e-mail notifications through this SMTP server, host:port (env REKINDLE_SMTP; user and password in REKINDLE_SMTP_USER, REKINDLE_SMTP_PASSWORD)")
	mailFrom := fs.String("mail-from", env.Getenv("REKINDLE_MAIL_FROM"), "the notification e-mails' sender address (env REKINDLE_MAIL_FROM)")
	publicURL := fs.String("url", env.Getenv("REKINDLE_URL"), "the server's public address, for links in e-mails (env REKINDLE_URL)")
	mailEvery := fs.Duration("mail-every", 15*time.Minute, "how often notification e-mails are sent")
	pushSubject := fs.String("push-subject", env.Getenv("REKINDLE_PUSH_SUBJECT"), "push notifications to subscribed browsers (Web Push, VAPID), naming this contact, mailto:ADDR or https URL (env REKINDLE_PUSH_SUBJECT)")
	watch := fs.String("watch", env.Getenv("REKINDLE_WATCH"), "import the files that appear in this folder, once they settle, into the default athlete (env REKINDLE_WATCH)")
	jobWorkers := fs.Int("job-workers", envInt(env, "REKINDLE_JOB_WORKERS", jobs.DefaultWorkers), "background jobs this process runs at once (env REKINDLE_JOB_WORKERS)")
	jobRescue := fs.Duration("job-rescue-after", envDuration(env, "REKINDLE_JOB_RESCUE_AFTER", jobs.DefaultRescueAfter),
		"a background job's time limit: one running longer is stopped and retried, and one whose process died is run again by another after it (env REKINDLE_JOB_RESCUE_AFTER)")
	jobPoll := fs.Duration("job-poll", envDuration(env, "REKINDLE_JOB_POLL", jobs.DefaultPoll), "how often an idle worker looks for new jobs (env REKINDLE_JOB_POLL)")
	jobStopWait := fs.Duration("job-stop-wait", envDuration(env, "REKINDLE_JOB_STOP_WAIT", jobs.DefaultStopWait), "on shutdown, how long running jobs may finish before they are handed back (env REKINDLE_JOB_STOP_WAIT)")
	dbConns := fs.Int("db-conns", envInt(env, "REKINDLE_DB_CONNS", store.DefaultMaxConns),
		"PostgreSQL connections this process opens at most, all kept open; half of them read runners' histories at once, the others serve every request's small reads (env REKINDLE_DB_CONNS)")
	memLimit := fs.String("memory-limit", envOr(env, "REKINDLE_MEMORY_LIMIT", defaultMemoryLimit),
		"the Go runtime's soft memory limit, as GOMEMLIMIT (e.g. 160MiB; off: none); the GOMEMLIMIT environment variable, when set, wins (env REKINDLE_MEMORY_LIMIT)")
	asOfFlag := fs.String("as-of", "", "serve the app as of this day, YYYY-MM-DD (its clock stays at noon UTC of that day: replays, the load benchmark); default the wall clock")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, `Usage: rekindle serve [flags]

Runs the web app (pages at /, JSON API at /api/v1, OpenAPI at /api/v1/openapi.json,
/healthz, /readyz and Prometheus /metrics) and works the background jobs until
interrupted, then shuts down gracefully (running jobs are handed back).

The first account to sign up becomes the admin (and takes over the athlete the CLI
imported into). With --single-user, nobody needs to sign in from this machine.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *single && !loopbackAddr(*addr) {
		return fmt.Errorf("--single-user needs a loopback --addr such as 127.0.0.1:8080 (got %q): without logins the server must not be reachable from other machines", *addr)
	}
	nets, err := server.ParseNetworks(*metricsAllow)
	if err != nil {
		return err
	}
	if nets == nil {
		nets = []netip.Prefix{} // none, not the loopback default
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	if *verbose {
		level = slog.LevelDebug
	}
	var h slog.Handler = slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level})
	if *logFormat == "json" {
		h = slog.NewJSONHandler(env.Stderr, &slog.HandlerOptions{Level: level})
	}
	log := slog.New(h)
	var now func() time.Time
	if *asOfFlag != "" {
		day, err := time.Parse(time.DateOnly, *asOfFlag)
		if err != nil {
			return fmt.Errorf("--as-of wants YYYY-MM-DD: %w", err)
		}
		day = day.Add(12 * time.Hour)
		now = func() time.Time { return day }
	}

	if _, err := setMemoryLimit(env, *memLimit); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer st.Close()
	st.SetMaxConns(*dbConns)
	if n, err := httpio.CleanStaleUploads("", time.Now()); err != nil {
		log.Warn("clean stale uploads", "err", err)
	} else if n > 0 {
		log.Info("removed stale upload folders", "count", n)
	}
	so, err := stravaOptions(env)
	if err != nil {
		return err
	}
	vapidKey := env.Getenv("REKINDLE_VAPID_PRIVATE_KEY")
	if vapidKey != "" {
		if _, err := webpush.ParseVAPIDKey(vapidKey); err != nil {
			return fmt.Errorf("REKINDLE_VAPID_PRIVATE_KEY: %w", err)
		}
	}
	var mc *athlete.MailConfig
	if *smtpAddr != "" {
		if *mailFrom == "" {
			return fmt.Errorf("--smtp needs --mail-from (env REKINDLE_MAIL_FROM)")
		}
		if *mailEvery < time.Minute {
			return fmt.Errorf("--mail-every %s: at least 1m", *mailEvery)
		}
		mc = &athlete.MailConfig{Mailer: &notify.SMTP{Addr: *smtpAddr, User: env.Getenv("REKINDLE_SMTP_USER"), Password: env.Getenv("REKINDLE_SMTP_PASSWORD")},
			From: *mailFrom, Base: *publicURL}
	}
	// Background work (route refreshes, the nightly evaluation, e-mails)
	// runs as durable jobs in the database, shared by every replica.
	q, err := jobs.New(ctx, jobs.Config{Store: st, Log: log, Workers: *jobWorkers, RescueAfter: *jobRescue, Poll: *jobPoll, StopWait: *jobStopWait,
		Mail: mc, MailEvery: *mailEvery, Now: now, Strava: so != nil})
	if err != nil {
		return err
	}
	handler, a, err := NewServerHandler(st, log, ServeOptions{SingleUser: *single, TileURL: *tiles, TileAttribution: *attribution, HSTS: *hsts,
		Metrics: server.MetricsAccess{Allow: nets, Token: *metricsToken}, Now: now, Queue: q, Strava: so, VAPIDKey: vapidKey})
	if err != nil {
		return err
	}
	q.Bind(a.App)
	if err := q.Start(ctx); err != nil {
		return err
	}
	if a.StravaConfigured() {
		log.Info("strava on: webhook events and history backfills are handled by jobs (strava_round, strava_backfill)")
	}
	if mc != nil {
		log.Info("notification e-mails on", "smtp", *smtpAddr, "every", mailEvery.String())
	}
	if *pushSubject != "" {
		if !strings.HasPrefix(*pushSubject, "mailto:") && !strings.HasPrefix(*pushSubject, "https://") {
			return fmt.Errorf("--push-subject %q: want mailto:ADDR or an https URL", *pushSubject)
		}
		pushCtx, stop := context.WithCancel(ctx)
		defer stop()
		go a.PushNotificationsEvery(pushCtx, athlete.PushConfig{Subject: *pushSubject}, time.Minute)
		log.Info("web push on", "subject", *pushSubject)
	}
	if *watch != "" {
		ath, err := st.DefaultAthlete(ctx)
		if err != nil {
			return fmt.Errorf("--watch: %w", err)
		}
		if fi, err := os.Stat(*watch); err != nil || !fi.IsDir() {
			return fmt.Errorf("--watch %s: not a folder", *watch)
		}
		watchCtx, stop := context.WithCancel(ctx)
		defer stop()
		go a.WatchFolder(watchCtx, ath.ID, &ingest.Watcher{Dir: *watch}, 2*time.Second)
		log.Info("watching a folder", "dir", *watch, "athlete", ath.ID)
	}
	if path := env.Getenv("REKINDLE_CPU_PROFILE"); path != "" {
		// Profiling a benchmark (TestLoadReplicas): the CPU from here to
		// the shutdown, and the heap at the shutdown.
		stop, err := startProfiles(path, env.Getenv("REKINDLE_HEAP_PROFILE"))
		if err != nil {
			return err
		}
		defer stop()
	}
	if dbg := env.Getenv("REKINDLE_DEBUG_ADDR"); dbg != "" {
		// Profiling a running replica: net/http/pprof on a listener of its
		// own, loopback only, with the block and mutex profiles on.
		stop, err := startDebug(dbg, log, st)
		if err != nil {
			return err
		}
		defer stop()
	}
	err = server.Run(ctx, server.Config{Addr: *addr, Logger: log}, handler, nil)
	// Running jobs finish or are handed back to the other replicas.
	sctx, cancel := context.WithTimeout(context.Background(), *jobStopWait+5*time.Second)
	defer cancel()
	if serr := q.Stop(sctx); serr != nil && err == nil {
		err = serr
	}
	return err
}

// ServeOptions configure the handler.
type ServeOptions struct {
	SingleUser      bool
	TileURL         string
	TileAttribution string
	HSTS            bool
	RoutesInline    bool // group routes inline on first use (tests); serve does it in the background
	// Now is the API's clock (what "today" is for the pages and the API);
	// nil is the wall clock. Tests set a fixed clock.
	Now     func() time.Time
	Metrics server.MetricsAccess // who may read /metrics (zero: loopback only)
	// Queue runs background work as durable jobs (rekindle serve); nil: at
	// once, in the request (tests).
	Queue athlete.Queue
	// Strava is the instance's Strava application (nil: none configured).
	Strava *athlete.StravaOptions
	// VAPIDKey is the configured Web Push key (env REKINDLE_VAPID_PRIVATE_KEY;
	// "" = made once and kept in the database).
	VAPIDKey string
}

// NewServerHandler wires the pages, the API, auth and middleware over a
// store. Tests and the load benchmark use it to run the real server.
func NewServerHandler(st *store.Store, log *slog.Logger, o ServeOptions) (http.Handler, *api.API, error) {
	auth := server.NewAuth(st, log, o.SingleUser)
	auth.ExemptFromCSRF("/api/v1/strava/webhook") // Strava posts its events: no browser, no session
	metrics := server.NewMetrics()
	// One application layer under both siblings: the JSON API and the pages
	// (wired as every command wires it); routes are grouped in the
	// background, time zones inferred after uploads (by jobs in serve).
	app := athlete.Wire(st, athlete.Options{Log: log, Now: o.Now, RoutesInBackground: !o.RoutesInline, Queue: o.Queue, Strava: o.Strava, VAPIDKey: o.VAPIDKey})
	metrics.Cache("responses", app.Responses().Stats)
	a := api.New(api.Config{App: app, Auth: auth, Log: log})
	w, err := web.New(web.Config{App: app, Auth: auth, Log: log, TileURL: o.TileURL, TileAttribution: o.TileAttribution})
	if err != nil {
		return nil, nil, err
	}
	if !w.HasVendor() {
		log.Info("front-end bundle not built: maps and charts are the built-in SVG (run the web/ build for interactive ones)")
	}
	mux := http.NewServeMux()
	// /healthz: the process and its database answer (liveness);
	// /readyz: and the schema is current, so a proxy may send traffic.
	mux.Handle("GET /healthz", server.Health(func(r *http.Request) error { return st.DB().PingContext(r.Context()) }))
	mux.Handle("GET /readyz", server.Health(func(r *http.Request) error { return st.Ready(r.Context()) }))
	mux.Handle("GET /metrics", metrics.Handler(o.Metrics))
	a.Register(mux)
	w.Register(mux)
	// The athlete's data stamp came with the session (one query): the
	// caches need not read it again.
	var h http.Handler = auth.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if p := server.PrincipalFrom(r.Context()); p != nil && p.Stamp != nil {
			athlete.KnowStamp(r.Context(), p.AthleteID, *p.Stamp)
		}
		mux.ServeHTTP(rw, r)
	}))
	// Each athlete's data stamp is read once per request, whatever caches
	// the request consults (athlete.WithStamps).
	inner := h
	h = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		inner.ServeHTTP(rw, r.WithContext(athlete.WithStamps(r.Context())))
	})
	h = server.Secure(h, server.Headers{TileURL: o.TileURL, HSTS: o.HSTS})
	h = server.Observe(h, log, metrics, func(r *http.Request) string { _, p := mux.Handler(r); return p })
	return h, a, nil
}

func envInt(env *Env, name string, def int) int {
	if n, err := strconv.Atoi(env.Getenv(name)); err == nil {
		return n
	}
	return def
}

func envDuration(env *Env, name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env.Getenv(name)); err == nil {
		return d
	}
	return def
}

func envOr(env *Env, name, def string) string {
	if v := env.Getenv(name); v != "" {
		return v
	}
	return def
}

// loopbackAddr reports whether a listen address binds only loopback.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// defaultMemoryLimit is serve's soft memory limit when neither GOMEMLIMIT
// nor --memory-limit says otherwise: the collector works harder as the heap
// nears it instead of letting it grow to twice the live data, which keeps a
// replica's RSS under about 200 MB (its live heap is 80–110 MB with full
// caches; the RSS is some 25 MB more than the limit: the binary's pages,
// stacks, memory not yet returned).
const defaultMemoryLimit = "160MiB"

// setMemoryLimit applies limit ("off" or "0", or a size as GOMEMLIMIT
// takes it: 160MiB, 1GiB, bytes) unless GOMEMLIMIT is set, which the
// runtime has already applied. restore puts back the limit that was in
// force (a command that sets one only for its own work defers it).
func setMemoryLimit(env *Env, limit string) (restore func(), err error) {
	if env.Getenv("GOMEMLIMIT") != "" || limit == "off" || limit == "0" || limit == "" {
		return func() {}, nil
	}
	n, err := parseMemSize(limit)
	if err != nil {
		return nil, fmt.Errorf("--memory-limit %q: %w", limit, err)
	}
	old := debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(old) }, nil
}

// parseMemSize reads a size as GOMEMLIMIT does: a whole number of bytes
// with an optional B, KiB, MiB, GiB or TiB suffix.
func parseMemSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, errors.New("want a size such as 160MiB")
	}
	return n * mult, nil
}

// startDebug serves net/http/pprof's handlers on addr (a loopback address:
// profiles show the server's internals) until stop, with the block
// profile sampling one blocking event per millisecond blocked and the
// mutex profile one contention in ten: what requests wait on.
func startDebug(addr string, log *slog.Logger, st *store.Store) (stop func(), err error) {
	if !loopbackAddr(addr) {
		return nil, fmt.Errorf("REKINDLE_DEBUG_ADDR %q: want a loopback address such as 127.0.0.1:6060", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("REKINDLE_DEBUG_ADDR: %w", err)
	}
	runtime.SetBlockProfileRate(int(time.Millisecond))
	runtime.SetMutexProfileFraction(10)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", httppprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", httppprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", httppprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", httppprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", httppprof.Trace)
	mux.HandleFunc("/debug/dbstats", func(rw http.ResponseWriter, r *http.Request) {
		// The pool's waits: how many queries waited for a connection and
		// for how long in all, and the connections closed idle.
		rw.Header().Set("Content-Type", "application/json")
		json.NewEncoder(rw).Encode(st.PoolStats())
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	log.Info("debug listener on (net/http/pprof, block and mutex profiles)", "addr", ln.Addr().String())
	return func() {
		srv.Close()
		runtime.SetBlockProfileRate(0)
		runtime.SetMutexProfileFraction(0)
	}, nil
}

// startProfiles writes a CPU profile to cpu until stop, and a heap profile
// to heap (when named) at stop.
func startProfiles(cpu, heap string) (stop func(), err error) {
	f, err := os.Create(cpu)
	if err != nil {
		return nil, fmt.Errorf("REKINDLE_CPU_PROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("REKINDLE_CPU_PROFILE: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		if heap == "" {
			return
		}
		if h, err := os.Create(heap); err == nil {
			pprof.Lookup("heap").WriteTo(h, 0)
			h.Close()
		}
	}, nil
}
