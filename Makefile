# reportpipe: CSV exports -> review-data XML -> XSL-FO -> PDF.
#
#   make run     install what is missing, build, render input/ into output/
#   make test    build and run every test (unit + end-to-end) through prove
#   make asan    the same tests against an ASan + UBSan build
#   make bench   benchmarks (not part of make test)
#   make fuzz    fuzz the parsers of outside input for a bounded time
#   make fuzz-check  the fixed, repeatable fuzz run that CI makes
#   make fmt     clang-format every C file
#   make deps    install the Debian packages we need (or print the command)
#
# SANITIZE=1 builds into build/asan with the sanitizers on.

PKGS     = libxml-2.0 libxslt libexslt pangocairo cairo-pdf glib-2.0 sqlite3 zlib \
           librsvg-2.0 gmime-3.0 \
           libcrypto libqpdf libsodium libmicrohttpd
DEBS     = gcc libc6-dev make pkg-config perl libcsv-dev libxml2-dev \
           libxslt1-dev libpango1.0-dev libcairo2-dev libcmocka-dev \
           libhyphen-dev hyphen-en-us libsqlite3-dev sqlite3 libssl-dev zlib1g-dev \
           librsvg2-dev libgmime-3.0-dev libmicrohttpd-dev libsodium-dev \
           fonts-dejavu-core fonts-dejavu-extra fonts-urw-base35 \
           poppler-utils qpdf libqpdf-dev \
           valgrind clang-format docbook-xsl xsltproc time libxml2-utils python3
CC      ?= cc
BUILD   ?= build/release

WARNINGS = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wwrite-strings -Wformat=2
OPT      = -O2 -g
ifeq ($(SANITIZE),1)
BUILD    = build/asan
OPT      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=undefined
endif

# Library headers through -isystem, so their warnings are not ours.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null | sed 's/-I/-isystem /g')
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# -pthread: the FO reader parses on a second thread (pipeline/fo/events.c).
CFLAGS  += -std=c11 -pthread $(WARNINGS) $(OPT)
CPPFLAGS += -D_DEFAULT_SOURCE -Ipipeline $(PKG_CFLAGS) -MMD -MP
LDLIBS  += $(PKG_LIBS) -lcsv -lhyphen -lm
LDFLAGS += -pthread $(filter -fsanitize=%,$(OPT))

STAGES   = common import merge transform fo layout paint render workflow batch web
LIB_SRC  = $(filter-out %_test.c,$(foreach s,$(STAGES),$(wildcard pipeline/$(s)/*.c)))
CLI_SRC  = $(wildcard pipeline/cli/*.c)
TEST_SRC = $(foreach s,$(STAGES) cli,$(wildcard pipeline/$(s)/*_test.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(filter-out %_test.o,$(CLI_SRC:%.c=$(BUILD)/%.o))
TEST_BIN = $(TEST_SRC:pipeline/%_test.c=$(BUILD)/tests/%_test)
LIB      = $(BUILD)/libreportpipe.a
BIN      = $(BUILD)/reportpipe
GEN      = $(BUILD)/gen-sample

.PHONY: all run test asan bench fuzz fuzz-check fmt fmt-check deps check-deps \
        clean sample valgrind web-deps
.DEFAULT_GOAL := all

all: $(BIN)

# Quiet by default; V=1 shows the full commands.
ifneq ($(V),1)
Q = @
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%_test: $(BUILD)/pipeline/%_test.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) -lcmocka

# A cli/ test links the module it tests, which is not in the library.
$(BUILD)/tests/cli/%_test: $(BUILD)/pipeline/cli/%_test.o \
    $(BUILD)/pipeline/cli/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS) -lcmocka

$(GEN): $(BUILD)/tests/data/gen_sample.o $(BUILD)/pipeline/common/date.o
	$(CC) $(LDFLAGS) -o $@ $^ -lm

# The main job: what the nightly cron runs, on the shipped sample data.
run: check-deps
	$(MAKE) all
	./$(BIN) run --input input --output output

# Every test, through prove: C unit tests (cmocka, TAP) and end-to-end
# shell tests that run the real binary and read the real PDFs.
test: check-deps web-deps
	$(MAKE) $(BIN) $(TEST_BIN) $(GEN)
	CMOCKA_MESSAGE_OUTPUT=TAP REPORTPIPE=$(CURDIR)/$(BIN) \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	GEN_SAMPLE=$(CURDIR)/$(GEN) TOP=$(CURDIR) BUILD=$(CURDIR)/$(BUILD) \
	  prove --exec '' $(TEST_BIN) tests/e2e/*.t

asan:
	$(MAKE) SANITIZE=1 test

# valgrind on the end-to-end run of the sample data.
valgrind: $(BIN)
	tools/valgrind.sh $(BIN)

bench: $(BIN)
	bench/run.sh $(BIN)

# clang and libFuzzer's runtime only for fuzzing: not for make run.
fuzz:
	@tools/deps.sh install clang libclang-rt-14-dev
	$(MAKE) -f fuzz/Makefile run

# The repeatable fuzz run CI makes: fixed seed, fixed number of inputs.
fuzz-check:
	@tools/deps.sh install clang libclang-rt-14-dev
	$(MAKE) -f fuzz/Makefile check

sample: $(GEN)
	$(GEN) input

fmt:
	clang-format -i $(shell git ls-files '*.c' '*.h')

fmt-check:
	clang-format --dry-run -Werror $(shell git ls-files '*.c' '*.h')

# Installs missing Debian packages when root; otherwise prints the command.
deps:
	@tools/deps.sh install $(DEBS)
	@tools/web-deps.sh

check-deps:
	@tools/deps.sh install $(DEBS)

# The browser test's own: chromium, Node.js, playwright-core (tests/web/).
web-deps:
	@tools/web-deps.sh

clean:
	rm -rf build output

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_SRC:%.c=$(BUILD)/%.d) $(BUILD)/tests/data/gen_sample.d
