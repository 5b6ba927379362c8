/* term.c - the cursor-position probe for ambiguous character widths.
 *
 * Ambiguous characters (“ ” · … ①) are drawn two columns wide by DBCS
 * clients and PuTTY's "CJK ambiguous as wide", one column by most Unicode
 * emulators; the locale cannot tell.  Drawing one and asking where the
 * cursor went can: it costs one round trip at start-up.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "term.h"
#include "text.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read the answer ESC [ row ; col R; returns col, or 0. */
static int read_cpr(int in, int timeout_ms)
{
	char buf[64];
	size_t len = 0;
	long end = now_ms() + timeout_ms;

	while (len < sizeof buf - 1) {
		struct pollfd p = { in, POLLIN, 0 };
		long left = end - now_ms();
		ssize_t r;
		char *esc;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return 0;
		r = read(in, buf + len, sizeof buf - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		len += (size_t)r;
		buf[len] = 0;
		esc = strstr(buf, "\033[");
		if (esc && strchr(esc, 'R')) {
			int row, col;

			if (sscanf(esc, "\033[%d;%dR", &row, &col) == 2)
				return col;
			return 0;
		}
	}
	return 0;
}

int term_probe_ambiguous(int in, int out, const char *codeset, int timeout_ms)
{
	struct termios old, raw;
	char *quote = NULL;
	size_t qlen = 0;
	int col;

	if (!isatty(in) || !isatty(out) || tcgetattr(in, &old) != 0)
		return 0;
	if (text_convert("UTF-8", codeset && *codeset ? codeset : "UTF-8",
	                 "\xe2\x80\x9c", 3, &quote, &qlen, NULL) != 0)
		return 0;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) != 0) {
		free(quote);
		return 0;
	}
	col = 0;
	if (write_all(out, "\r", 1) == 0 && write_all(out, quote, qlen) == 0 &&
	    write_all(out, "\033[6n", 4) == 0)
		col = read_cpr(in, timeout_ms);
	write_all(out, "\r\033[K", 4);
	tcsetattr(in, TCSANOW, &old);
	free(quote);
	return col == 2 || col == 3 ? col - 1 : 0;
}

int term_default_ambiguous(const char *codeset)
{
	if (!codeset)
		return 1;
	if (strcasecmp(codeset, "GB18030") == 0 || strcasecmp(codeset, "GBK") == 0 ||
	    strcasecmp(codeset, "GB2312") == 0 || strcasecmp(codeset, "EUC-CN") == 0 ||
	    strcasecmp(codeset, "CP936") == 0)
		return 2;
	return 1;
}
