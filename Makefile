# Local shortcuts for what CI (.ci/run) checks. `make ci` runs them all.
GO ?= go
# Packages with goroutines that talk to each other or to the outside world:
# run with the race detector in CI.
RACE_PKGS = ./internal/server/... ./internal/api/... ./internal/web/... ./internal/ingest/... ./internal/store/...

.PHONY: test race check fmt vet tidy ci build

test: ## the README's test command
	$(GO) test ./...

race:
	$(GO) test -race $(RACE_PKGS)

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

tidy:
	$(GO) mod tidy -diff

check: fmt vet tidy

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o rekindle ./cmd/rekindle

ci: check test race
