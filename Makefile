# cloudgo: one Go module per topic, listed in go.work. `make` alone prints help.
# TOPIC=<name> limits any target to one topic, e.g. `make test TOPIC=cache`.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The modules of go.work, in order ("basics cache cloud cloud/webapp ..."): a topic is a
# top-level folder; a topic may hold a nested module (cloud/webapp, a Docker build context).
MODULES := $(shell sed -n 's|^[[:space:]]*\./\([a-z/]*\)[[:space:]]*$$|\1|p' go.work)
TOPIC_NAMES := $(strip $(foreach m,$(MODULES),$(if $(findstring /,$(m)),,$(m))))
TOPIC ?=
ifneq ($(TOPIC),)
  ifeq ($(filter $(TOPIC),$(TOPIC_NAMES)),)
    $(error TOPIC=$(TOPIC) is not a topic in go.work; topics: $(TOPIC_NAMES))
  endif
endif
TOPICS := $(if $(TOPIC),$(filter $(TOPIC) $(TOPIC)/%,$(MODULES)),$(MODULES))

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
# Extra flags for go test, e.g. TESTFLAGS=-v.
TESTFLAGS ?=
# Modules tested at once (internal/make/each.sh): service tests mostly wait for
# containers, so three overlap well on two cores. JOBS=1: one by one, live output.
JOBS ?= 3
# The slowest modules start first, so the last to finish is not a long one.
SLOW_FIRST := cloud internal messaging nosql search cache
ORDERED := $(foreach m,$(SLOW_FIRST),$(filter $(m),$(TOPICS))) $(filter-out $(SLOW_FIRST),$(TOPICS))
COMPOSE ?= docker compose
# The compose services a topic's examples use (`make up TOPIC=cache`; all when empty):
# the first line of its demo.sh, "# services: redis memcached varnish", the one list.
SERVICES := $(if $(TOPIC),$(shell sed -n '1s/^\# services://p' $(TOPIC)/demo.sh 2>/dev/null))

.PHONY: help test test-short lint tidy up down demo docs docs-check site

help: ## this list
	@echo "cloudgo: cloud-computing fundamentals in Go. Topics: $(TOPIC_NAMES)"
	@echo "Targets (TOPIC=<name> limits any of them to one topic):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

# each MODULE: runs $(1) in every topic folder, prints one line per module, fails if any failed.
define each
	@failed=(); for t in $(TOPICS); do \
	  start=$$SECONDS; \
	  if (cd $$t && $(1)); then printf '%-5s %-10s %4ds\n' ok "$$t" $$((SECONDS-start)); \
	  else printf '%-5s %-10s %4ds\n' FAIL "$$t" $$((SECONDS-start)); failed+=("$$t"); fi; \
	done; \
	if (( $${#failed[@]} )); then echo "failed: $${failed[*]}"; exit 1; fi
endef

# Test binaries without DWARF (-ldflags=-w) link about a fifth faster; stack traces
# and race reports still name files and lines. A race-enabled binary sleeps a second
# at exit unless told not to: that second, times 180 test binaries, is saved too.
export GORACE ?= atexit_sleep_ms=0
test: ## go test -race -count=1 ./... in every module, against real services (JOBS=3 at once)
	@bash internal/make/each.sh $(JOBS) 'go test -race -count=1 -ldflags=-w $(TESTFLAGS) ./...' $(ORDERED)

# Each module alone (GOWORK=off), as a reader who copies it builds it: the versions its
# go.mod asks for, which are also the ones `make lint` compiled, so a cold machine
# compiles them once for both.
test-short: ## the tests that need no containers (-short starts none), each module alone
	@GOWORK=off bash internal/make/each.sh $(JOBS) 'go test -short -count=1 -ldflags=-w $(TESTFLAGS) ./...' $(ORDERED)

lint: ## gofmt, go vet (each module alone, GOWORK=off), staticcheck, actionlint
	$(call each,{ test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; false; }; } && GOWORK=off go vet ./... && GOWORK=off go run $(STATICCHECK) ./...)
	@go run $(ACTIONLINT) && echo "ok    actionlint (.github/workflows)"

tidy: ## go mod tidy in every module (-e: see README, "Offline notes")
	$(call each,GOWORK=off go mod tidy -e)

up: ## start the services the examples use (docker compose, ports on 127.0.0.1)
	@bash internal/demo/run.sh check
	$(if $(TOPIC),$(if $(SERVICES),$(COMPOSE) up -d --wait $(SERVICES),@echo "$(TOPIC) uses no services"),$(COMPOSE) up -d --wait)

down: ## stop and remove them
	@bash internal/demo/run.sh check
	$(if $(TOPIC),$(if $(SERVICES),$(COMPOSE) down $(SERVICES),@echo "$(TOPIC) uses no services"),$(COMPOSE) down)

demo: ## run every topic's examples end to end (starts and stops only the services it needs)
	@mkdir -p .demo; failed=(); for t in $(TOPICS); do \
	  [[ -f $$t/demo.sh ]] || continue; \
	  printf '\n##### %s #####\n' "$$t"; start=$$SECONDS; \
	  if bash internal/demo/run.sh "$$t" | tee ".demo/$${t//\//-}.txt"; then printf '##### ok   %s %ds\n' "$$t" $$((SECONDS-start)); \
	  else printf '##### FAIL %s %ds\n' "$$t" $$((SECONDS-start)); failed+=("$$t"); fi; \
	done; \
	if (( $${#failed[@]} )); then echo "demo failed: $${failed[*]}"; exit 1; fi

docs: demo ## run the demo, then fill every README output block from what it printed
	go run ./internal/docs/cmd/docs $(if $(TOPIC),-topics "$(TOPIC)")

docs-check: ## fail when a README output block differs from the last `make demo` run (masked)
	go run ./internal/docs/cmd/docs -check $(if $(TOPIC),-topics "$(TOPIC)")

SITE_REPO ?= https://github.com/example/cloudgo/blob/main
site: ## the website in _site/ from the code and the last `make demo` run, then its checks in Chromium
	go run ./internal/site/cmd/site -out _site -repo $(SITE_REPO)
	cd internal && CLOUDGO_SITE_CHECK=1 go test -count=1 -run 'TestBrowser|TestRepository' ./site/
