# gongkai — a plain Makefile.  `make` builds build/gongkai; `make site`
# builds content/ into site/; `make test` runs every test, plain and under
# ASan+UBSan; `make bench` times a large synthetic build.

PREFIX	?= /usr/local
CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings
PKGS	 = libcmark-gfm yaml-0.1 libgit2
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

SOURCES	 = $(sort $(shell find generator -name '*.c' ! -name main.c))
HEADERS	 = $(shell find generator -name '*.h')
TESTSRC	 = $(sort $(wildcard tests/unit/*.c))

THEME	 = $(sort $(shell find themes/default -type f))
OBJ	 = $(SOURCES:%.c=build/obj/%.o) build/obj/theme_embedded.o
TESTS	 = $(TESTSRC:tests/unit/%.c=build/tests/%)
ASAN_OBJ = $(SOURCES:%.c=build/asan/obj/%.o) build/asan/obj/theme_embedded.o
ASAN_TESTS = $(TESTSRC:tests/unit/%.c=build/asan/tests/%)
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined

.PHONY: all deps test-deps site test check-content bench demo clean install

all: build/gongkai

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test

build/embed: scripts/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

build/gen/theme_embedded.c: build/embed $(THEME)
	@mkdir -p $(@D)
	build/embed themes/default $(THEME) > $@.tmp && mv $@.tmp $@

build/obj/theme_embedded.o: build/gen/theme_embedded.c generator/render/theme.h
	$(CC) $(WARN) $(CFLAGS) -Igenerator -c $< -o $@

build/asan/obj/theme_embedded.o: build/gen/theme_embedded.c generator/render/theme.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SANITIZE) -Igenerator -c $< -o $@

build/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

build/gongkai: build/obj/generator/main.o $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c $(OBJ) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -Igenerator -o $@ \
	    $< $(OBJ) $(LDFLAGS) $(PKG_LIBS)

build/asan/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g $(SANITIZE) -c $< -o $@

build/asan/gongkai: build/asan/obj/generator/main.o $(ASAN_OBJ)
	$(CC) -g $(SANITIZE) -o $@ $^ $(PKG_LIBS)

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g $(SANITIZE) \
	    -Igenerator -o $@ $< $(ASAN_OBJ) $(PKG_LIBS)

site: deps
	@$(MAKE) --no-print-directory build/gongkai
	./build/gongkai build --content content --out site

check-content: build/gongkai
	./build/gongkai check --content content

test: test-deps
	@$(MAKE) --no-print-directory build/gongkai $(TESTS) \
	    build/asan/gongkai $(ASAN_TESTS)
	@sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory build/gongkai
	@sh tests/bench/bench.sh

demo: deps
	@$(MAKE) --no-print-directory build/gongkai
	sh scripts/demo.sh

install: build/gongkai
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongkai
	install -m 755 build/gongkai $(DESTDIR)$(PREFIX)/bin/gongkai
	cp -R themes $(DESTDIR)$(PREFIX)/share/gongkai/

clean:
	rm -rf build
