# AwarenessPlanner. `make plan` and `make test` do all set-up on a fresh Debian machine (as root).
SWIFT ?= swift
PROFILE ?= Profiles/urban-young.yaml
OUT ?= Exports
RELEASE_BIN = .build/release/planner

.PHONY: plan test build release deps test-deps verify-plan bench bench-plan bench-match fuzz fuzz-profile asan clean calendars

deps:
	@tools/ensure-deps.sh build

test-deps:
	@tools/ensure-deps.sh test

build: deps
	$(SWIFT) build

# The release binary links the Swift runtime and Foundation statically: the dynamic libraries'
# relocations cost about 6 MB of resident memory at start (`planner --version`: 22.5 MB
# dynamic, 16.4 MB static; /usr/bin/time -f %M) and start-up time on every run.
release: deps
	$(SWIFT) build -c release --product planner --static-swift-stdlib

# Writes a quarter plan for the bundled sample practice into Exports/.
plan: release
	$(RELEASE_BIN) plan --profile $(PROFILE) --out $(OUT)

# Runs every test (unit, fixtures, CLI end to end, determinism across processes).
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

clean:
	rm -rf .build .build-*

# The planner against the exact optimum of its own planning problem (issue 11): for both sample
# profiles x 2027-Q1..Q4 and 20 generated profiles, `planner plan --emit-model` writes the MIP,
# HiGHS solves it (VERIFY_SECONDS per instance), the solution is decoded and checked against the
# plan rules; prints the table. Fails when a plan breaks a rule or an instance misses the 97% target.
VERIFY_SECONDS ?= 60
verify-plan: release test-deps
	python3 tools/verify-plan/run.py $(RELEASE_BIN) .build-verify-plan --time-limit $(VERIFY_SECONDS) --generated 20

# Speed and memory against the libical C and python baselines (not part of `make test`).
bench: release
	@tools/ensure-deps.sh bench
	python3 tools/bench/run_bench.py $(RELEASE_BIN) .build-bench

# Plans 1,000 generated fictional practices in one run (`planner plan --profiles`, which writes each
# practice's plan.json and exports) and prints the time per practice, the total, the peak memory
# (GNU time) and the ratio against issue 14's 10 s target. Not part of `make test`.
BENCH_PLAN_COUNT ?= 1000
bench-plan: release
	python3 tools/bench-plan/generate_profiles.py .build-bench-plan/profiles --count $(BENCH_PLAN_COUNT)
	tools/bench-plan/run.sh $(RELEASE_BIN) .build-bench-plan/profiles .build-bench-plan/out

# Regenerates the bundled calendars from tools/calendars/*.tsv (byte-identical every run).
calendars:
	python3 tools/calendars/generate.py
	python3 tools/calendars/check.py

# Fuzz the reader with libFuzzer for FUZZ_SECONDS (default 600), seeded from the test fixtures.
# Crashes and hangs are written to .build-fuzz/ as crash-* / timeout-* files.
FUZZ_SECONDS ?= 600
fuzz: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product ReaderFuzz --sanitize=fuzzer
	mkdir -p .build-fuzz/corpus
	cp Tests/ICalKitTests/Fixtures/ics/valid/*.ics Tests/ICalKitTests/Fixtures/ics/invalid/*.ics \
	   Tests/PlannerIOTests/Fixtures/matching/*.ics Calendars/bank-holidays/*.ics .build-fuzz/corpus/
	cd .build-fuzz && SWIFT_BACKTRACE=enable=no ./release/ReaderFuzz -max_total_time=$(FUZZ_SECONDS) \
	   -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus

# Fuzz the profile loader (YAML bytes in) with libFuzzer for FUZZ_SECONDS, seeded from the sample
# profiles and the profile fixtures. Crashes and hangs are written to .build-fuzz/ as crash-* / timeout-*.
fuzz-profile: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product ProfileFuzz --sanitize=fuzzer
	mkdir -p .build-fuzz/profile-corpus
	cp Profiles/*.yaml Tests/PlannerIOTests/Fixtures/profiles/valid/*.yaml \
	   Tests/PlannerIOTests/Fixtures/profiles/invalid/*.yaml .build-fuzz/profile-corpus/
	cd .build-fuzz && SWIFT_BACKTRACE=enable=no ./release/ProfileFuzz -max_total_time=$(FUZZ_SECONDS) \
	   -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 profile-corpus

# The whole test suite under AddressSanitizer (and LeakSanitizer).
asan: test-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp $(SWIFT) test --scratch-path .build-asan --sanitize=address

# What cleaning and matching add to reading, on the 10k synthetic calendar.
bench-match: release
	@tools/ensure-deps.sh bench
	tools/bench-match/run.sh $(RELEASE_BIN) .build-bench
