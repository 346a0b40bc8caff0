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

# Sanitised objects live apart from plain ones (even with BUILD=...).
ifdef SANITIZE
OUT      := $(BUILD)/san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
OUT      := $(BUILD)
endif

ifneq ($(filter true 1 yes,$(CI) $(WERROR)),)
WFLAGS_ERR := -Werror
endif

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes $(WFLAGS_ERR)
OPT      ?= -O2 -g
PKGS_CORE := sqlite3 inih jansson libqrencode libcrypto
PKGS_UI   := sdl2 SDL2_ttf SDL2_image fontconfig libcurl
PKGS_SRV  := libmicrohttpd
PKGS_TEST := cmocka

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS_CORE) $(PKGS_UI) $(PKGS_SRV) 2>/dev/null)
LIBS_CORE  = $(shell pkg-config --libs $(PKGS_CORE) 2>/dev/null) -lm
LIBS_UI    = $(shell pkg-config --libs $(PKGS_UI) 2>/dev/null) -lpthread
LIBS_TEST  = $(shell pkg-config --libs $(PKGS_TEST) 2>/dev/null)
LIBS_SRV   = $(shell pkg-config --libs $(PKGS_SRV) 2>/dev/null) -lpthread

CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Isrc/core -Isrc/kiosk -Isrc/kiosk/ui -Isrc/salesd \
            -DKIOSK_VERSION='"$(VERSION)"' -DKIOSK_ASSETS_DIR='"$(CURDIR)/assets"'
CFLAGS   += -std=c11 $(WARN) $(OPT) $(SANFLAGS) -MMD -MP $(PKG_CFLAGS)
LDFLAGS  += $(SANFLAGS)

CORE_SRC  := $(wildcard src/core/*.c)
KIOSK_SRC := $(filter-out src/kiosk/main.c,$(wildcard src/kiosk/*.c src/kiosk/ui/*.c))
CORE_OBJ  := $(CORE_SRC:%.c=$(OUT)/%.o)
KIOSK_OBJ := $(KIOSK_SRC:%.c=$(OUT)/%.o)
SALESD_SRC := $(filter-out src/salesd/main.c,$(wildcard src/salesd/*.c))
SALESD_OBJ := $(SALESD_SRC:%.c=$(OUT)/%.o)

TEST_CORE_SRC  := $(wildcard tests/core/test_*.c)
TEST_KIOSK_SRC := $(wildcard tests/kiosk/test_*.c tests/kiosk/ui/test_*.c)
TEST_BINS := $(TEST_CORE_SRC:%.c=$(OUT)/%) $(TEST_KIOSK_SRC:%.c=$(OUT)/%)
BENCH_BINS := $(patsubst %.c,$(OUT)/%,$(wildcard tests/bench/*.c))

KIOSK := $(OUT)/kiosk
SALESD := $(OUT)/salesd

# Everything rebuilds when the flags change (CI=true adds -Werror, say).
FLAGS_FILE := $(OUT)/.flags
ALL_FLAGS   = $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)
$(shell mkdir -p $(OUT))
ifneq ($(file <$(FLAGS_FILE)),$(ALL_FLAGS))
$(file >$(FLAGS_FILE),$(ALL_FLAGS))
endif

.PHONY: all deps run test bench clean check-doors
.DELETE_ON_ERROR:

all: $(KIOSK) $(SALESD)

deps:
	@sh deploy/install-deps.sh

$(OUT)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(OUT)/libcore.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(OUT)/libkiosk.a: $(KIOSK_OBJ)
	$(AR) rcs $@ $^

$(OUT)/libsalesd.a: $(SALESD_OBJ)
	$(AR) rcs $@ $^

$(SALESD): $(OUT)/src/salesd/main.o $(OUT)/libsalesd.a $(OUT)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_SRV) $(LIBS_CORE)

$(KIOSK): $(OUT)/src/kiosk/main.o $(OUT)/libkiosk.a $(OUT)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_UI) $(LIBS_CORE)

$(OUT)/tests/core/%: tests/core/%.c $(OUT)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_CORE) $(LIBS_TEST) $(LDFLAGS)

$(OUT)/tests/kiosk/%: tests/kiosk/%.c $(OUT)/libkiosk.a $(OUT)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_UI) $(LIBS_CORE) $(LIBS_TEST) $(LDFLAGS)

$(OUT)/tests/bench/%: tests/bench/%.c $(OUT)/libkiosk.a $(OUT)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS_UI) $(LIBS_CORE) $(LDFLAGS)

# The demo's pictures (assets/demo/media) are drawn by a build tool, not
# the firmware: `make media` redraws them, `make test` keeps it compiling.
MEDIA_TOOL := $(OUT)/tools/demo_media
MEDIA_FONT  = $(shell fc-match -f '%{file}' 'Noto Sans CJK TC:bold')
.PHONY: media
test: $(MEDIA_TOOL)

$(MEDIA_TOOL): src/tools/demo_media.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(shell pkg-config --cflags sdl2 SDL2_ttf SDL2_image) \
	    -o $@ $< $(shell pkg-config --libs sdl2 SDL2_ttf SDL2_image) -lm $(LDFLAGS)

media: $(MEDIA_TOOL)
	@mkdir -p assets/demo/media
	$(MEDIA_TOOL) assets/demo/media '$(MEDIA_FONT)'

# Each third-party library is included by one module only (DESIGN.md §2).
check-doors:
	@sh tests/check_doors.sh

# The kiosk synced live to a local salesd with the demo and its simulator.
run: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(OUT) sh deploy/run-demo.sh $(ARGS)

test: deps
	@$(MAKE) --no-print-directory check-doors $(KIOSK) $(SALESD) $(TEST_BINS) $(BENCH_BINS)
	@BUILD=$(OUT) sh tests/run.sh $(TEST_BINS)

bench:
	@WITH_BENCH=1 sh deploy/install-deps.sh
	@$(MAKE) --no-print-directory $(KIOSK) $(SALESD) $(BENCH_BINS)
	@BUILD=$(OUT) sh tests/bench/run.sh

clean:
	rm -rf build

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
