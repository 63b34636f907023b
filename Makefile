# KAM quick start: `make run` (install, build, serve the demo) and `make test` (every suite).
JOBS      ?= $(shell nproc)
BUILD     ?= build
ASAN      ?= build-asan
DEMO_DB   ?= kam-demo.db
DEMO_SIZE ?= 2000
PORT      ?= 8080
ADDRESS   ?= 127.0.0.1

.PHONY: run test bench build kam kam-libraries web asan bootstrap bootstrap-tests format format-check clean test-asan

bootstrap:
	@./scripts/bootstrap

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The command alone, what `make run` needs: the tests and benchmarks are `make test`'s and
# `make bench`'s to build (on two cores they are most of the build).
kam: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target kam

# Every library the command links but the web bundle (embedded from web/dist, so built after it).
kam-libraries: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target kam_cli_lib

# The web UI (web/, Vue 3 + Vite) built into web/dist; rebuilt when its sources change.
# The API document too: the UI's types are generated from it.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json \
                 web/package.json web/package-lock.json src/server/openapi.json -type f 2>/dev/null)
# `npm install`, not `npm ci`: registry mirrors that hold only the Linux builds of esbuild's
# and rollup's platform packages give a lock file without the others, which `npm ci` refuses;
# install keeps to the locked versions all the same, and --no-save leaves the lock file as
# committed (a plain install rewrites it, leaving the checkout changed).
web/dist/index.html: $(WEB_SOURCES) | bootstrap
	cd web && npm install --no-save --no-audit --no-fund --loglevel=error && npm run build
	touch $@

web: web/dist/index.html

# The main job: a fresh demo database, its summary, lifetime values and today's key moments,
# then the server with the web UI and
# sign-ins printed for each role (http://127.0.0.1:8080 by default).
# The web UI is built first, then kam, which embeds it: the one binary serves the whole product
# (`kam serve --web-root web/dist` serves a development build instead).
# The web build (mostly one core: npm, then Vite) runs beside the libraries' compile; the
# bundle's embedding and the command's link after both.
run:
	@start=$$(date +%s) && $(MAKE) --no-print-directory -j2 web kam-libraries && \
	  $(MAKE) --no-print-directory kam && \
	  echo "make run: the web UI and kam built in $$(( $$(date +%s) - start )) s"
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/kam --db $(DEMO_DB) demo --accounts $(DEMO_SIZE) --years 3 --seed 42
	$(BUILD)/kam --db $(DEMO_DB) summary
	$(BUILD)/kam --db $(DEMO_DB) clv --top 5
	$(BUILD)/kam --db $(DEMO_DB) alerts --limit 10
	$(BUILD)/kam --db $(DEMO_DB) serve --port $(PORT) --address $(ADDRESS) --demo-logins

$(ASAN)/build.ninja:
	cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKAM_SANITIZE=ON -DKAM_BENCHMARKS=OFF \
	  -DKAM_UNITY_BUILD=OFF

asan: bootstrap $(ASAN)/build.ninja
	cmake --build $(ASAN) -j $(JOBS)

# The C++ suites again under AddressSanitizer + UndefinedBehaviorSanitizer (the web UI's
# tests, which exercise no more C++ than the server tests, run once, in the release build).
test-asan: asan
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -LE web

bootstrap-tests:
	@./scripts/bootstrap --tests

test: format-check bootstrap-tests web build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

bench: web build
	./bench/run $(BUILD)

format:
	git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' | xargs clang-format -i

format-check: bootstrap
	@git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' | xargs -r clang-format --dry-run -Werror
	@echo "format-check: all sources formatted"

clean:
	rm -rf $(BUILD) $(ASAN)
