# The gip suite. `make` builds the four binaries into bin/.
GO          ?= go
BIN         := bin
CMDS        := gip gipset giw gcalc
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 20s
export CGO_ENABLED := 0

.PHONY: all build test deps unit lint vmtest bench fuzz man demo clean

all: build

# The version (scripts/version: 0.0~gitYYYYMMDD.HASH until the first tag) and
# commit, linked into internal/version for gip -V, gipset -V, giw --version
# and gcalc --version.
VERSION ?= $(shell scripts/version)
COMMIT  ?= $(shell scripts/version --commit)
VERSION_PKG := github.com/gip-suite/gip/internal/version
LDFLAGS := -s -w -X '$(VERSION_PKG).Version=$(VERSION)' -X '$(VERSION_PKG).Commit=$(COMMIT)'

build:
	@mkdir -p $(BIN)
	@for c in $(CMDS); do \
		if [ -d cmd/$$c ]; then $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $(BIN)/$$c ./cmd/$$c || exit 1; fi; \
	done

# test: lint, then every test. As root the netns tier runs too; without root
# those tests skip and say why.
test: deps lint unit

deps:
	@scripts/deps test

unit:
	$(GO) test -count=1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

bench: build
	$(GO) run ./bench/routes -n 100000 -rounds 3
	$(GO) run ./bench/gip-route -n 100000 -show 1000000 -rounds 3
	$(GO) run ./bench/gip-house -n 20000 -rounds 5
	bench/gcalc/run
	bench/gipset/restore.sh 100000 5
	bench/run.sh $(BIN)/gip

demo: build
	@scripts/demo

# vmtest: the vm tier. Every package's tests, built static, run inside
# Debian kernels under qemu as root with GIP_VM_STRICT=1 (scripts/vmtest),
# shared among VMTEST_JOBS VMs.
VMTEST_DIR     ?= $(BIN)/vmtest
VMTEST_JOBS    ?= 2
VMTEST_TIMEOUT ?= 540
vmtest:
	@GO=$(GO) scripts/vm/gotest --jobs $(VMTEST_JOBS) --timeout $(VMTEST_TIMEOUT) $(VMTEST_DIR)

# man: regenerate the man pages of gip, gipset and giw from their command
# tables (gcalc's is written by hand).
man:
	$(GO) run ./cmd/gip __man docs/man
	$(GO) run ./cmd/gipset __man docs/man
	$(GO) run ./cmd/giw __man docs/man

fuzz:
	@scripts/fuzz-all $(FUZZTIME)

clean:
	rm -rf $(BIN)
