/* prefs.c - reading the settings file and the environment. */
#include "config.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void prefs_read(struct prefs *p, const char *path, prefs_warn_fn warn,
                       void *ctx)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *eq, *key, *val;
		const char *why;

		lineno++;
		line[strcspn(line, "\r\n#")] = 0;
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
	fclose(f);
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
