/* main.c - locale and translations, then the command line or the screens. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "gettext.h"

int main(int argc, char **argv)
{
	const char *dir = getenv("ZHIBU_LOCALEDIR");

	setlocale(LC_ALL, "");
	/* Tests point at a build-tree catalog; installed copies use LOCALEDIR. */
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	/* Keep translations in UTF-8 like all other text inside the program;
	 * output is converted to the terminal's codeset where it leaves. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* strerror() and the other texts of the C library too: in a GB18030
	 * locale they would come in GB18030 and be converted a second time */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(PACKAGE);
	return cli_main(argc, argv);
}
