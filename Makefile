# sgdlab: the commands the README names.
#
#   make notebooks   set up (Jupyter, GoNB, gopls, echarts, a9a), then run every
#                    notebook and write reports/NN-name.html and reports/NN-name.ipynb
#   make test        go vet, gofmt, go test (the notebook and report tests included;
#                    logreg again without its assembly, data's fuzz targets for a few
#                    seconds each, and data and logreg with -race)
#   make lab         classic Jupyter Notebook on working copies in notebooks/work/
#   make bench       the Go benchmarks, then Go beside PyTorch, NumPy and scikit-learn,
#                    on a9a and on an RCV1-shaped set
#   make setup       the set-up steps alone; each skips what is already there

GO ?= go
SETUP := bash notebooks/setup.sh
# The notebook tests run every notebook in GoNB and one in a live server; a
# fresh build cache makes the first cells compile gonum and go-echarts.
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
	@sed -n '3,12p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@$(SETUP) jupyter tools gopls kernel echarts data

notebooks: setup reports

reports:
	@echo "==> run every notebook with nbconvert and the GoNB kernel; write $(REPORTS)/"
	$(GO) run ./notebooks/internal/run -out $(REPORTS)

# `make lab` opens the classic Jupyter Notebook (6.4 in Debian 12, which
# packages no JupyterLab) on working copies of the notebooks in
# notebooks/work/, which git ignores: saving there keeps a user's outputs out
# of the committed notebooks. A working copy is made once; when the committed
# notebook is newer, it says so and leaves the copy alone. The server's root
# is the checkout, so /files/ serves the npm copy of echarts and live charts
# draw with no network. It listens on localhost only.
LAB_DIR := notebooks/work
LAB_ARGS ?=
lab: setup
	@mkdir -p $(LAB_DIR)
	@for nb in notebooks/[0-9][0-9]-*.ipynb; do \
		w=$(LAB_DIR)/$${nb#notebooks/}; \
		if [ ! -e "$$w" ]; then cp "$$nb" "$$w" && echo "    working copy $$w"; \
		elif [ "$$nb" -nt "$$w" ]; then echo "    $$nb changed since $$w was made: delete $$w to start again from it"; fi; \
	done
	@echo "==> classic Jupyter Notebook $$(jupyter notebook --version) with the GoNB kernel on $(LAB_DIR)/ (Ctrl-C twice to stop)"
	SGDLAB_ECHARTS_URL=/files/logreg/chart/js/node_modules/echarts/dist/echarts.min.js \
	jupyter notebook --ip=localhost --notebook-dir=$(CURDIR) --NotebookApp.default_url=/tree/$(LAB_DIR) \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

test: vet fmt-check gotest

# GOARCH=386: the code builds where int is 32 bits and there is no assembly;
# GOOS=windows: where there are no process groups or signals but SIGINT.
vet:
	@echo "==> go vet ./..."
	$(GO) vet ./...
	@echo "==> GOARCH=386 go vet ./... (32-bit int)"
	GOARCH=386 $(GO) vet ./...
	@echo "==> GOOS=windows go vet ./... (no unix-only call outside a unix file)"
	GOOS=windows $(GO) vet ./...

fmt-check:
	@echo "==> gofmt -l (fails when any file is listed)"
	@files=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*' | xargs gofmt -l); \
	if [ -n "$$files" ]; then echo "gofmt would change:"; echo "$$files"; exit 1; fi

# purego: the Go loops where the assembly (amd64 only) runs, as on other CPUs.
# -race: the loops evaluate each epoch on a second goroutine, data parses in parallel.
# sgdlab_libm (with cgo): the C library's exp, pow, expf and logf, with which the
# loops repeat scikit-learn and PyTorch bit for bit on the machine of the traces.
# go test runs each fuzz target's seeds and testdata/fuzz corpus; then each target
# fuzzes for FUZZTIME more.
FUZZTIME ?= 5s
FUZZ_TARGETS := FuzzRead FuzzParseFloat
gotest:
	@echo "==> go test ./..."
	$(GO) test -timeout $(TEST_TIMEOUT) ./...
	@for f in $(FUZZ_TARGETS); do \
		echo "==> go test -fuzz $$f -fuzztime $(FUZZTIME) ./data"; \
		$(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./data || exit 1; \
	done
	@echo "==> go test -tags purego ./logreg ./logreg/internal/... (without the assembly)"
	$(GO) test -tags purego ./logreg ./logreg/internal/...
	@echo "==> go test -race ./data ./logreg ./logreg/internal/..."
	$(GO) test -race ./data ./logreg ./logreg/internal/...
	@if [ "$$($(GO) env CGO_ENABLED)" = 1 ]; then \
		echo "==> go test -tags sgdlab_libm ./logreg/... (the C library's exp, pow, expf, logf: scikit-learn and PyTorch to the bit)"; \
		$(GO) test -tags sgdlab_libm ./logreg/...; \
	else echo "==> no cgo: the sgdlab_libm tests do not run"; fi

# The a9a benchmarks skip without data: point them at $SGDLAB_DATA or the cache
# that `setup.sh data` fills. `sgdlab bench` adds the PyTorch, NumPy and
# scikit-learn timings when /usr/bin/python3 has them (`bash notebooks/setup.sh python`),
# and, with SVMSGD=/path/to/svmsgd (a build of Bottou's sgd-2.x, which this project
# does not ship), SklearnLoop timed beside svmsgd in the same run.
SVMSGD ?=
BENCH_DATA = $(or $(SGDLAB_DATA),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/sgdlab)
BENCH_COUNT ?= 5
# Rows of the RCV1-shaped set; 781265 is Bottou's training split.
RCV1_ROWS ?= 781265
bench:
	@$(SETUP) data
	@echo "==> go test -bench, $(BENCH_COUNT) runs each (medians in BENCHMARKS.md)"
	SGDLAB_DATA=$(BENCH_DATA) $(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./data ./logreg ./logreg/numpydense
	@echo "==> sgdlab bench: Go beside PyTorch, NumPy and scikit-learn (minutes with Python)"
	SGDLAB_DATA=$(BENCH_DATA) $(GO) run ./cmd/sgdlab bench $(if $(SVMSGD),-svmsgd '$(SVMSGD)')
	@echo "==> sgdlab bench -rcv1: an RCV1-shaped set, 788 MB made once in the user cache (minutes)"
	$(GO) run ./cmd/sgdlab bench -rcv1 $(RCV1_ROWS)
