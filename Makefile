# opsdocs: build, test and preview.
GO ?= go
# axe-core, the accessibility checker of the browser tests, at the version
# generator/browsertest/package-lock.json pins.
AXE := generator/browsertest/node_modules/axe-core/axe.min.js

.PHONY: all build run test test-deps vet clean bench bench-compare bench-go

all: build

## build: compile the opsdocs binary into bin/
build:
	$(GO) build -o bin/opsdocs ./cmd/opsdocs

## run: build the demo portal and serve it at http://127.0.0.1:4000/
run:
	$(GO) run ./cmd/opsdocs serve

## test: every test, including the browser tests (installs Chromium when root)
# The browser tests keep a screenshot of every page they check here, for CI
# to keep as artefacts.
SCREENSHOTS ?= $(CURDIR)/test-output/screenshots

test: test-deps vet
	OPSDOCS_SCREENSHOTS=$(SCREENSHOTS) $(GO) test ./...

vet:
	$(GO) vet ./...

## test-deps: make sure the browser tests have a Chromium and axe-core
test-deps: $(AXE)
	@if [ -n "$$OPSDOCS_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	else \
		echo "The browser tests need Chromium. Install it with:"; \
		echo "  sudo apt-get install chromium"; \
		echo "or set OPSDOCS_CHROMIUM to the path of a Chrome or Chromium binary."; \
		exit 1; \
	fi

$(AXE): generator/browsertest/package.json generator/browsertest/package-lock.json
	@if command -v npm >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing npm for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null || exit 1; \
	else \
		echo "The browser tests need axe-core, installed with npm. Install npm with:"; \
		echo "  sudo apt-get install npm"; \
		exit 1; \
	fi
	@echo "installing axe-core for the browser tests (npm ci)"
	@npm ci --prefix generator/browsertest --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

## bench: build generated sites of 1,000 and 10,000 pages; pages/s and peak memory
bench:
	$(GO) run ./cmd/bench -pages 1000,10000

## bench-compare: 10,000 pages with opsdocs, Hugo, and Hugo + Pagefind (installs them when root)
bench-compare:
	$(GO) run ./cmd/bench -compare -pages 10000

## bench-go: the Go benchmarks of the pipeline's stages and the goldmark floor
bench-go:
	mkdir -p bench && $(GO) test -run '^$$' -bench . -benchmem -count 6 ./generator/ | tee bench/go-bench.txt

clean:
	rm -rf bin public bench test-output
