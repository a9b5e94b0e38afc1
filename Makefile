# The gip suite. `make` builds the four binaries into bin/.
GO          ?= go
BIN         := bin
CMDS        := gip gipset giw gcalc
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 20s
export CGO_ENABLED := 0

.PHONY: all build test deps unit lint vmtest bench fuzz man demo clean install uninstall install-check deb iproute2-suite

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

# test: lint, then every test, then install-check. As root the netns tier
# runs too; without root those tests skip and say why.
test: deps lint unit install-check

deps:
	@scripts/deps test

unit:
	$(GO) test -count=1 -timeout 40m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

bench: build
	$(GO) run ./bench/routes -n 100000 -rounds 3
	$(GO) run ./bench/gip-route -n 100000 -show 1000000 -rounds 3
	$(GO) run ./bench/gip-atomic -n 100000 -rounds 3
	$(GO) run ./bench/gip-state -n 10000 -plan 100000 -rounds 5
	$(GO) run ./bench/gip-house -n 20000 -rounds 5
	$(GO) run ./bench/gip-xfrm -n 10000 -rounds 5
	$(GO) run ./bench/gip-tc -n 10000 -rounds 3 -stream 1000000
	$(GO) run ./bench/gip-tuntap -n 1000 -rounds 5
	bench/gcalc/run
	bench/gipset/restore.sh 100000 5
	bench/run.sh $(BIN)/gip
	bench/gip-nft/run.sh $(BIN)/gip

demo: build
	@scripts/demo

# vmtest: the vm tier. Every package's tests, built static, run inside
# Debian kernels under qemu as root with GIP_VM_STRICT=1 (scripts/vmtest),
# shared among VMTEST_JOBS VMs, each given VMTEST_TIMEOUT seconds for all
# it runs (the whole tier is about 2,000 s of tests under software
# emulation: two VMs need 15 to 20 minutes, 25 on a loaded machine).
VMTEST_DIR     ?= $(BIN)/vmtest
VMTEST_JOBS    ?= 2
VMTEST_TIMEOUT ?= 2700
vmtest:
	@scripts/deps vm
	@GO=$(GO) scripts/vm/gotest --jobs $(VMTEST_JOBS) --timeout $(VMTEST_TIMEOUT) $(VMTEST_DIR)

# iproute2-suite: iproute2's own testsuite (from Debian's source package,
# fetched into the vm tier's cache) in the vm tier, with the stock tools
# and with gip; fails when gip fails a test the stock tools pass, except
# those in scripts/iproute2-suite.xfail.
iproute2-suite:
	@GO=$(GO) scripts/iproute2-suite

# man: regenerate the man pages of gip, gipset, giw and gcalc from their
# command tables.
man:
	$(GO) run ./cmd/gip __man docs/man
	$(GO) run ./cmd/gipset __man docs/man
	$(GO) run ./cmd/giw __man docs/man
	$(GO) run ./cmd/gcalc __man docs/man

# install: the binaries, man pages and shell completions under
# $(DESTDIR)$(PREFIX). All four binaries go to bin/, where Debian's iproute2
# puts ip: they are useful to every user (show, scans, gcalc), and the
# commands that change things ask the kernel, which checks the privilege.
# Completion scripts come from the binaries themselves (gip completion,
# gipset completion, giw completion, gcalc's completion command).
PREFIX  ?= /usr/local
DESTDIR ?=
bindir  := $(PREFIX)/bin
mandir  := $(PREFIX)/share/man
bashdir := $(PREFIX)/share/bash-completion/completions
zshdir  := $(PREFIX)/share/zsh/vendor-completions
fishdir := $(PREFIX)/share/fish/vendor_completions.d
MAN8    := $(notdir $(wildcard docs/man/*.8))
MAN1    := $(notdir $(wildcard docs/man/*.1))
COMPLETE := gip gipset giw gcalc
INSTALLED := $(addprefix $(bindir)/,$(CMDS)) \
	$(addprefix $(mandir)/man8/,$(MAN8)) $(addprefix $(mandir)/man1/,$(MAN1)) \
	$(addprefix $(bashdir)/,$(COMPLETE)) $(addprefix $(zshdir)/_,$(COMPLETE)) \
	$(addprefix $(fishdir)/,$(addsuffix .fish,$(COMPLETE)))
INSTALL_DIRS := $(bindir) $(mandir)/man8 $(mandir)/man1 $(bashdir) $(zshdir) $(fishdir)

install: build
	install -d $(addprefix $(DESTDIR),$(INSTALL_DIRS))
	install -m 0755 $(addprefix $(BIN)/,$(CMDS)) $(DESTDIR)$(bindir)/
	install -m 0644 $(addprefix docs/man/,$(MAN8)) $(DESTDIR)$(mandir)/man8/
	install -m 0644 $(addprefix docs/man/,$(MAN1)) $(DESTDIR)$(mandir)/man1/
	@set -e; for c in $(COMPLETE); do \
		echo "$(BIN)/$$c completion bash|zsh|fish"; \
		$(BIN)/$$c completion bash >$(DESTDIR)$(bashdir)/$$c; \
		$(BIN)/$$c completion zsh >$(DESTDIR)$(zshdir)/_$$c; \
		$(BIN)/$$c completion fish >$(DESTDIR)$(fishdir)/$$c.fish; \
		chmod 0644 $(DESTDIR)$(bashdir)/$$c $(DESTDIR)$(zshdir)/_$$c $(DESTDIR)$(fishdir)/$$c.fish; \
	done

# uninstall: remove the files install put, then those of its directories
# that are left empty, up to $(DESTDIR)$(PREFIX) (never a directory that
# still holds something).
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@for d in $(addprefix $(DESTDIR),$(INSTALL_DIRS)); do \
		while [ "$$d" != "$(DESTDIR)$(PREFIX)" ] && [ "$$d" != "$${d%/*}" ] && rmdir "$$d" 2>/dev/null; do d=$${d%/*}; done; \
	done
	@rmdir "$(DESTDIR)$(PREFIX)" 2>/dev/null || true

# install-check: make install into a scratch DESTDIR gives exactly the
# expected files, and make uninstall leaves nothing behind.
install-check:
	@scripts/install-check

# deb: bin/gip-suite_VERSION_ARCH.deb, built by nfpm (packaging/nfpm.yaml)
# from a make install into /usr, man pages gzipped as Debian wants them.
# nfpm runs through the module proxy at a pinned version (go run pkg@v),
# so it is a build tool only and stays out of go.mod.
NFPM     := github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0
DEB_ROOT := $(BIN)/debroot
deb: build
	rm -rf $(DEB_ROOT) $(BIN)/gip-suite_*.deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr VERSION='$(VERSION)' COMMIT='$(COMMIT)'
	gzip -9n $(DEB_ROOT)/usr/share/man/man*/*
	packaging/changelog '$(VERSION)' >$(BIN)/changelog.yml
	VERSION='$(VERSION)' ARCH=$$($(GO) env GOARCH) \
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) \
		$(GO) run $(NFPM) package --config packaging/nfpm.yaml --packager deb --target $(BIN)/

fuzz:
	@scripts/fuzz-all $(FUZZTIME)

clean:
	rm -rf $(BIN)
