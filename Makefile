# Everyday commands. `make test` is what CI runs: it installs the notebook
# toolchain first (idempotent), then runs every test, the notebooks
# included, and a short fuzzing pass.

GO      ?= go
GOBIN   := $(shell $(GO) env GOPATH)/bin
export PATH := $(GOBIN):$(PATH)
OUT     ?= out
FUZZTIME ?= 10s

.PHONY: all build vet test test-short fuzz lesson sweep serve notebooks-setup notebooks jupyter bench clean

all: vet test-short

build:
	$(GO) build ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

test: notebooks-setup vet
	THINKBUDGET_REQUIRE_NOTEBOOKS=1 $(GO) test -count=1 -timeout 30m ./...
	$(MAKE) fuzz

test-short: vet
	$(GO) test -short ./...

fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseBudgets$$' -fuzztime=$(FUZZTIME) ./claudeutils
	$(GO) test -run='^$$' -fuzz='^FuzzDecodeConverse$$' -fuzztime=$(FUZZTIME) ./localbedrock

lesson:
	$(GO) run ./cmd/thinkbudget lesson --out $(OUT)

sweep:
	$(GO) run ./cmd/thinkbudget sweep --out $(OUT)

serve:
	$(GO) run ./cmd/thinkbudget serve

notebooks-setup:
	bash scripts/notebooks-setup.sh

notebooks: notebooks-setup
	bash scripts/run-notebooks.sh build/notebooks

jupyter: notebooks-setup
	bash scripts/jupyter.sh

bench:
	bash scripts/bench.sh

clean:
	rm -rf $(OUT) build
