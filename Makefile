# sgdlab: the commands the README names.
#
#   make notebooks   set up (Jupyter, GoNB, gopls, echarts, a9a), then run every
#                    notebook and write reports/NN-name.html and reports/NN-name.ipynb
#   make test        go vet, gofmt, go test (the notebook and report tests included;
#                    logreg again without its assembly, and data and logreg with -race)
#   make lab         Jupyter on notebooks/ with the GoNB kernel
#   make bench       the Go benchmarks, then Go beside PyTorch, NumPy and scikit-learn
#   make setup       the set-up steps alone; each skips what is already there

GO ?= go
SETUP := bash notebooks/setup.sh
# The notebook test runs four notebooks in GoNB; a fresh build cache makes the
# first cells compile gonum and go-echarts.
TEST_TIMEOUT ?= 60m
REPORTS ?= reports

# The kernel finds the module through this (the notebooks' setup cell).
export SGDLAB_ROOT := $(CURDIR)
# go install puts gonb, goimports and gopls here; pip --user puts jupyter in ~/.local/bin.
GOBIN := $(or $(shell $(GO) env GOBIN),$(shell $(GO) env GOPATH)/bin)
export PATH := $(GOBIN):$(HOME)/.local/bin:$(PATH)

.PHONY: all help notebooks reports setup lab test vet fmt-check gotest bench

all: help

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@$(SETUP) jupyter tools gopls kernel echarts data

notebooks: setup reports

reports:
	@echo "==> run every notebook with nbconvert and the GoNB kernel; write $(REPORTS)/"
	$(GO) run ./notebooks/internal/run -out $(REPORTS)

# The server's root is the checkout, so /files/ serves the npm copy of echarts
# and live charts draw with no network; the browser opens on notebooks/.
LAB_ARGS ?=
lab: setup
	@echo "==> Jupyter on notebooks/ with the GoNB kernel (Ctrl-C twice to stop)"
	SGDLAB_ECHARTS_URL=/files/logreg/chart/js/node_modules/echarts/dist/echarts.min.js \
	jupyter notebook --notebook-dir=$(CURDIR) --NotebookApp.default_url=/tree/notebooks \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

test: vet fmt-check gotest

vet:
	@echo "==> go vet ./..."
	$(GO) vet ./...

fmt-check:
	@echo "==> gofmt -l (fails when any file is listed)"
	@files=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*' | xargs gofmt -l); \
	if [ -n "$$files" ]; then echo "gofmt would change:"; echo "$$files"; exit 1; fi

# purego: the Go loops where the assembly (amd64 only) runs, as on other CPUs.
# -race: the loops evaluate each epoch on a second goroutine, data parses in parallel.
gotest:
	@echo "==> go test ./..."
	$(GO) test -timeout $(TEST_TIMEOUT) ./...
	@echo "==> go test -tags purego ./logreg ./logreg/internal/... (without the assembly)"
	$(GO) test -tags purego ./logreg ./logreg/internal/...
	@echo "==> go test -race ./data ./logreg ./logreg/internal/..."
	$(GO) test -race ./data ./logreg ./logreg/internal/...

# The a9a benchmarks skip without data: point them at $SGDLAB_DATA or the cache
# that `setup.sh data` fills. `sgdlab bench` adds the PyTorch, NumPy and
# scikit-learn timings when /usr/bin/python3 has them (`bash notebooks/setup.sh python`).
BENCH_DATA = $(or $(SGDLAB_DATA),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/sgdlab)
BENCH_COUNT ?= 5
bench:
	@$(SETUP) data
	@echo "==> go test -bench, $(BENCH_COUNT) runs each (medians in BENCHMARKS.md)"
	SGDLAB_DATA=$(BENCH_DATA) $(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./data ./logreg
	@echo "==> sgdlab bench: Go beside PyTorch, NumPy and scikit-learn (minutes with Python)"
	SGDLAB_DATA=$(BENCH_DATA) $(GO) run ./cmd/sgdlab bench
