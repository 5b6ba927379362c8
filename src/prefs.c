/* prefs.c - reading the settings file and the environment. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gettext.h"
#include "prefs.h"
#include "text.h"

int prefs_default_path(char *out, size_t outsz)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/') {
		n = snprintf(out, outsz, "%s/zhibu/config", xdg);
	} else {
		if (!home || !*home) {
			struct passwd *pw = getpwuid(getuid());

			home = pw ? pw->pw_dir : NULL;
		}
		if (!home || !*home)
			return -1;
		n = snprintf(out, outsz, "%s/.config/zhibu/config", home);
	}
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

/* Parse an ambiguous width: auto, 1 or 2; -1 if not one of them. */
static int parse_width(const char *v)
{
	if (strcmp(v, "auto") == 0 || !*v)
		return 0;
	if (strcmp(v, "1") == 0 || strcmp(v, "narrow") == 0)
		return 1;
	if (strcmp(v, "2") == 0 || strcmp(v, "wide") == 0)
		return 2;
	return -1;
}

/* Apply KEY = VALUE; a message id if it is not understood. */
static const char *prefs_set(struct prefs *p, const char *key, const char *v)
{
	if (strcmp(key, "ambiguous_width") == 0) {
		int w = parse_width(v);

		if (w < 0)
			return N_("ambiguous_width must be auto, 1 or 2");
		p->ambiguous_width = w;
	} else if (strcmp(key, "language") == 0) {
		size_t i;

		if (strlen(v) >= sizeof p->language)
			return N_("language is too long");
		for (i = 0; v[i]; i++)
			if (!isalnum((unsigned char)v[i]) && v[i] != '_' && v[i] != '.' &&
			    v[i] != '-' && v[i] != '@')
				return N_("language must look like zh_CN or en");
		snprintf(p->language, sizeof p->language, "%s",
		         strcmp(v, "auto") == 0 ? "" : v);
	} else if (strcmp(key, "color") == 0) {
		if (strcmp(v, "auto") != 0 && strcmp(v, "never") != 0)
			return N_("color must be auto or never");
		p->no_color = strcmp(v, "never") == 0;
	} else if (strcmp(key, "lines") == 0) {
		if (strcmp(v, "auto") != 0 && strcmp(v, "ascii") != 0)
			return N_("lines must be auto or ascii");
		p->ascii_lines = strcmp(v, "ascii") == 0;
	} else {
		return N_("unknown setting");
	}
	return NULL;
}

/* No settings file is larger: a bigger one is not one. */
#define PREFS_MAX_SIZE 65536

/* True if S (N bytes) holds a control character other than tab and the
 * line ends: C0, DEL, or C1 (U+0080..U+009F in UTF-8). */
static bool has_controls(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
		    s[i] == 0x7F || (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 &&
		                     s[i + 1] <= 0x9F))
			return true;
	}
	return false;
}

/* The whole settings file at PATH, NUL-terminated; NULL if it is missing
 * (nothing said) or refused (one warning, line 0).  A named pipe must
 * not hang the start, so the file is opened without waiting for a
 * writer and looked at before it is read; a device, a directory, a huge
 * file or one with control characters (which a warning would carry to
 * the terminal) is not a settings file: the defaults stand. */
static char *prefs_slurp(const char *path, prefs_warn_fn warn, void *ctx)
{
	const char *why = NULL;
	char *buf = NULL;
	size_t n = 0;
	struct stat st;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		if (errno != ENOENT && warn)
			warn(ctx, path, 0, N_("cannot be read; its settings are not used"),
			     strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		why = N_("is not a regular file (a pipe, a device or a directory); its settings are not used");
	else if (st.st_size > PREFS_MAX_SIZE)
		why = N_("is larger than 64 KiB, which no settings file is; its settings are not used");
	else if (!(buf = malloc(PREFS_MAX_SIZE + 1)))
		why = N_("out of memory");
	while (!why && n <= PREFS_MAX_SIZE &&
	       (got = read(fd, buf + n, PREFS_MAX_SIZE + 1 - n)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			why = N_("cannot be read; its settings are not used");
		else
			n += (size_t)got;
	}
	close(fd);
	if (!why && n > PREFS_MAX_SIZE)     /* it grew meanwhile */
		why = N_("is larger than 64 KiB, which no settings file is; its settings are not used");
	if (!why && has_controls((const unsigned char *)buf, n))
		why = N_("holds control characters; its settings are not used");
	if (why) {
		if (warn)
			warn(ctx, path, 0, why, NULL);
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

static void prefs_read(struct prefs *p, const char *path, prefs_warn_fn warn,
                       void *ctx)
{
	char *buf = prefs_slurp(path, warn, ctx), *line, *next;
	int lineno = 0;

	if (!buf)
		return;
	for (line = buf; line; line = next) {
		char *eq, *key, *val;
		const char *why;

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (!next && !*line)
			break;
		lineno++;
		line[strcspn(line, "\r#")] = 0;
		text_trim(line);
		if (!line[0])
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			if (warn)
				warn(ctx, path, lineno, N_("expected key = value"), line);
			continue;
		}
		*eq = 0;
		key = line;
		val = eq + 1;
		text_trim(key);
		text_trim(val);
		why = prefs_set(p, key, val);
		if (why && warn)
			warn(ctx, path, lineno, why, key);
	}
	free(buf);
}

void prefs_load(struct prefs *p, const char *path, prefs_warn_fn warn,
                void *ctx)
{
	char buf[4096];
	const char *v;

	memset(p, 0, sizeof *p);
	if (!path && prefs_default_path(buf, sizeof buf) == 0)
		path = buf;
	if (path)
		prefs_read(p, path, warn, ctx);
	v = getenv("ZHIBU_AMBIGUOUS_WIDTH");
	if (v && parse_width(v) >= 0)
		p->ambiguous_width = parse_width(v);
	v = getenv("ZHIBU_LANGUAGE");
	if (v && *v)
		prefs_set(p, "language", v);
	v = getenv("NO_COLOR");
	if (v && *v)
		p->no_color = true;
	v = getenv("ZHIBU_LINES");
	if (v && *v)
		prefs_set(p, "lines", v);
}
