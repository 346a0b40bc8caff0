# Showroom Kiosk - plain Makefile.
#
#   make            build kiosk (build only, installs nothing)
#   make run        install missing Debian packages, build, run on the demo
#   make test       install missing packages, build and run every test
#   make bench      benchmarks (figures for DESIGN.md section 6)
#   make clean
#   make SANITIZE=address,undefined test
#
# Warnings are errors when CI is set (or WERROR=1).

CC       ?= cc
BUILD    ?= build
VERSION  := 0.1.0

ifdef SANITIZE
BUILD    := $(BUILD)/san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

ifneq ($(filter true 1 yes,$(CI) $(WERROR)),)
WFLAGS_ERR := -Werror
endif

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes $(WFLAGS_ERR)
OPT      ?= -O2 -g
PKGS_CORE := sqlite3 inih
PKGS_UI   := sdl2 SDL2_ttf SDL2_image fontconfig
PKGS_TEST := cmocka

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS_CORE) $(PKGS_UI) 2>/dev/null)
LIBS_CORE  = $(shell pkg-config --libs $(PKGS_CORE) 2>/dev/null)
LIBS_UI    = $(shell pkg-config --libs $(PKGS_UI) 2>/dev/null)
LIBS_TEST  = $(shell pkg-config --libs $(PKGS_TEST) 2>/dev/null)

CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Isrc/core -Isrc/kiosk -Isrc/kiosk/ui \
            -DKIOSK_VERSION='"$(VERSION)"' -DKIOSK_ASSETS_DIR='"$(CURDIR)/assets"'
CFLAGS   += -std=c11 $(WARN) $(OPT) $(SANFLAGS) -MMD -MP $(PKG_CFLAGS)
LDFLAGS  += $(SANFLAGS)

CORE_SRC  := $(wildcard src/core/*.c)
KIOSK_SRC := $(filter-out src/kiosk/main.c,$(wildcard src/kiosk/*.c src/kiosk/ui/*.c))
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
KIOSK_OBJ := $(KIOSK_SRC:%.c=$(BUILD)/%.o)

TEST_CORE_SRC  := $(wildcard tests/core/test_*.c)
TEST_KIOSK_SRC := $(wildcard tests/kiosk/test_*.c tests/kiosk/ui/test_*.c)
TEST_BINS := $(TEST_CORE_SRC:%.c=$(BUILD)/%) $(TEST_KIOSK_SRC:%.c=$(BUILD)/%)
BENCH_BINS := $(BUILD)/tests/bench/bench_board

KIOSK := $(BUILD)/kiosk

.PHONY: all deps run test bench clean check-doors
.DELETE_ON_ERROR:

all: $(KIOSK)

deps:
	@sh deploy/install-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/libkiosk.a: $(KIOSK_OBJ)
	$(AR) rcs $@ $^

$(KIOSK): $(BUILD)/src/kiosk/main.o $(BUILD)/libkiosk.a $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_UI) $(LIBS_CORE)

$(BUILD)/tests/core/%: tests/core/%.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_CORE) $(LIBS_TEST) $(LDFLAGS)

$(BUILD)/tests/kiosk/%: tests/kiosk/%.c $(BUILD)/libkiosk.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_UI) $(LIBS_CORE) $(LIBS_TEST) $(LDFLAGS)

$(BUILD)/tests/bench/%: tests/bench/%.c $(BUILD)/libkiosk.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_UI) $(LIBS_CORE) $(LDFLAGS)

# Each third-party library is included by one module only (DESIGN.md §2).
check-doors:
	@sh tests/check_doors.sh

run: deps
	@$(MAKE) --no-print-directory all
	$(KIOSK) --demo --data-dir data $(ARGS)

test: deps
	@$(MAKE) --no-print-directory check-doors $(KIOSK) $(TEST_BINS)
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BINS)

bench:
	@WITH_BENCH=1 sh deploy/install-deps.sh
	@$(MAKE) --no-print-directory $(KIOSK) $(BENCH_BINS)
	@BUILD=$(BUILD) sh tests/bench/run.sh

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
