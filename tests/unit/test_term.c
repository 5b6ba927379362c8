/* test_term.c - the ambiguous-width probe against a fake terminal (a pty
 * whose other end answers like a client would), and the settings file. */
#include "config.h"

#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prefs.h"
#include "tap.h"
#include "term.h"

struct fake_terminal {
	int master;
	const char *answer;     /* what to answer the position request with */
	char seen[256];         /* what the program wrote */
	size_t nseen;
};

/* Read what the program writes; answer once the request arrives. */
static void *terminal_run(void *arg)
{
	struct fake_terminal *t = arg;

	while (t->nseen < sizeof t->seen - 1) {
		ssize_t r = read(t->master, t->seen + t->nseen, sizeof t->seen - 1 - t->nseen);

		if (r <= 0)
			break;
		t->nseen += (size_t)r;
		t->seen[t->nseen] = 0;
		if (strstr(t->seen, "\033[6n")) {
			if (t->answer)
				if (write(t->master, t->answer, strlen(t->answer)) < 0)
					break;
			break;
		}
	}
	return NULL;
}

static int probe_with(const char *answer, const char *codeset,
                      struct fake_terminal *t)
{
	pthread_t th;
	int slave, w;

	memset(t, 0, sizeof *t);
	t->answer = answer;
	if (openpty(&t->master, &slave, NULL, NULL, NULL) != 0)
		return -1;
	pthread_create(&th, NULL, terminal_run, t);
	w = term_probe_ambiguous(slave, slave, codeset, 300);
	close(slave);
	pthread_join(th, NULL);
	close(t->master);
	return w;
}

static void test_probe(void)
{
	struct fake_terminal t;

	is_int(probe_with("\033[12;3R", "UTF-8", &t), 2, "an answer of column 3 means wide");
	ok(strstr(t.seen, "\r\xe2\x80\x9c\033[6n") != NULL,
	   "the probe writes CR, U+201C in UTF-8 and a position request");
	is_int(probe_with("\033[1;2R", "UTF-8", &t), 1, "column 2 means narrow");
	is_int(probe_with("\033[1;3R", "GB18030", &t), 2, "GB18030 terminal answering wide");
	ok(strstr(t.seen, "\r\xa1\xb0\033[6n") != NULL,
	   "in GB18030 the quote is written as A1 B0");
	is_int(probe_with(NULL, "UTF-8", &t), 0, "no answer: 0 (after the time-out)");
	is_int(probe_with("garbage", "UTF-8", &t), 0, "a garbled answer: 0");
	is_int(probe_with("\033[1;9R", "UTF-8", &t), 0, "an impossible column: 0");
	is_int(term_probe_ambiguous(-1, -1, "UTF-8", 10), 0, "not a terminal: 0");
	is_int(term_default_ambiguous("GB18030"), 2, "GB18030 suggests wide");
	is_int(term_default_ambiguous("GBK"), 2, "GBK suggests wide");
	is_int(term_default_ambiguous("UTF-8"), 1, "UTF-8 suggests narrow");
}

struct warnings {
	int n;
	int line[8];
	char key[8][32];
};

static void collect(void *ctx, const char *path, int line, const char *msgid,
                    const char *text)
{
	struct warnings *w = ctx;

	if (w->n < 8) {
		w->line[w->n] = line;
		snprintf(w->key[w->n], sizeof w->key[0], "%s", text);
		w->n++;
	}
}

static void test_prefs(void)
{
	char dir[] = "/tmp/zhibu-prefs.XXXXXX", path[128];
	struct warnings w = { 0 };
	struct prefs p;
	FILE *f;

	unsetenv("ZHIBU_AMBIGUOUS_WIDTH");
	unsetenv("ZHIBU_LANGUAGE");
	unsetenv("NO_COLOR");
	unsetenv("ZHIBU_LINES");
	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof path, "%s/config", dir);
	prefs_load(&p, path, collect, &w);
	is_int(p.ambiguous_width, 0, "no file: the width is found out");
	is_int(w.n, 0, "a missing file is no problem");

	f = fopen(path, "w");
	fputs("# zhibu settings\n"
	      "ambiguous_width = 2   # PuTTY with CJK ambiguous wide\n"
	      "\n"
	      "language=en\n"
	      "color = never\r\n"
	      "lines = ascii\n"
	      "colour = never\n"
	      "ambiguous_width = 3\n"
	      "just words\n", f);
	fclose(f);
	prefs_load(&p, path, collect, &w);
	is_int(p.ambiguous_width, 2, "ambiguous_width = 2 (a bad later value is ignored)");
	is_str(p.language, "en", "language = en");
	ok(p.no_color, "color = never");
	ok(p.ascii_lines, "lines = ascii");
	is_int(w.n, 3, "three problems reported");
	is_int(w.line[0], 7, "an unknown key, with its line");
	is_str(w.key[0], "colour", "and its name");
	is_int(w.line[1], 8, "a bad value, with its line");
	is_int(w.line[2], 9, "a line without '='");

	setenv("ZHIBU_AMBIGUOUS_WIDTH", "1", 1);
	setenv("ZHIBU_LANGUAGE", "zh_CN", 1);
	prefs_load(&p, path, NULL, NULL);
	is_int(p.ambiguous_width, 1, "the environment overrides the file");
	is_str(p.language, "zh_CN", "ZHIBU_LANGUAGE overrides the file");
	setenv("ZHIBU_AMBIGUOUS_WIDTH", "auto", 1);
	prefs_load(&p, path, NULL, NULL);
	is_int(p.ambiguous_width, 0, "ZHIBU_AMBIGUOUS_WIDTH=auto asks the terminal");
	unsetenv("ZHIBU_AMBIGUOUS_WIDTH");
	unsetenv("ZHIBU_LANGUAGE");
	setenv("NO_COLOR", "1", 1);
	unlink(path);
	prefs_load(&p, path, NULL, NULL);
	ok(p.no_color, "NO_COLOR switches colour off");
	unsetenv("NO_COLOR");
	rmdir(dir);
}

int main(void)
{
	test_probe();
	test_prefs();
	return tap_done();
}
