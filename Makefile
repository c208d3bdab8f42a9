# Ablate: `make demo` and `make test` install what is missing, then build and run.
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev pkg-config gnuplot-nox fortunes zlib1g-dev dataset-fashion-mnist libsqlite3-dev

.PHONY: deps build release test example demo catalogue clean

## Installs the Debian packages Ablate needs (only those missing; uses sudo when not root).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Runs the whole test suite (release build: the training tests need optimised code).
test: deps
	$(SWIFT) build -c release --build-tests -Xswiftc -enable-testing
	$(SWIFT) test -c release --skip-build -Xswiftc -enable-testing

## Builds and tests Examples/CustomVariant, a separate package that adds a variant to Ablate
## and runs a suite with it. Debug: its tiny suite trains in seconds even unoptimised, and
## the debug build of everything takes well under half the time of a release one.
example: deps
	$(SWIFT) build --build-tests --package-path Examples/CustomVariant --scratch-path .build-example
	$(SWIFT) test --skip-build --package-path Examples/CustomVariant --scratch-path .build-example

## The main job: the engine benchmark at every model size, then the quickstart suite
## (norms × FFNs × widths, two seeds, two compression pipelines, a fit per norm) into results/ablate.sqlite
## (running it again resumes), its CSV export and its report.
demo: release
	.build/release/ablate machine
	.build/release/ablate bench engine
	.build/release/ablate run suites/quickstart.yaml --jobs 2
	.build/release/ablate export quickstart --format csv --out results/quickstart.csv
	.build/release/ablate report quickstart
	@echo "wrote results/ablate.sqlite, results/quickstart.csv and the report reports/quickstart/quickstart/report.md"

## Regenerates docs/catalogue.md (every variant and task) from the registry; a test fails when it is stale.
catalogue: release
	.build/release/ablate list catalogue > docs/catalogue.md.tmp
	mv docs/catalogue.md.tmp docs/catalogue.md

clean:
	rm -rf .build .build-example
