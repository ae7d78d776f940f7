/* plugins/bulletin/bulletin.c - the bulletin reader: plain-text daily news
 * bulletins into the document model.
 *
 * The format and every heuristic are described in doc/bulletin.md.  This
 * file holds the descriptor, the options and the read() entry: decode the
 * bytes (herald_decode(), in libherald), then parse the text (grammar.c).
 */
#include <stdlib.h>
#include <string.h>

#include <herald/decode.h>
#include <herald/plugin.h>

#include "bulletin.h"

static const herald_option bulletin_options[] = {
	{ "date-order", HERALD_OPT_CHOICE, "dmy",
	  "order of day and month in numeric dates such as 09.10.2020",
	  "dmy|mdy|ymd" },
	{ "lang", HERALD_OPT_STRING, "en",
	  "the bulletin's language, a BCP 47 tag", NULL },
	{ "dashless-turns", HERALD_OPT_BOOL, "true",
	  "a paragraph without a dash among interview turns is a turn", NULL },
	{ "encoding", HERALD_OPT_STRING, "auto",
	  "the input's charset, an iconv name such as latin1; auto detects it",
	  NULL },
	{ "repair", HERALD_OPT_BOOL, "false",
	  "replace invalid UTF-8 and NUL bytes with U+FFFD instead of failing",
	  NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const char *const bulletin_extensions[] = { "txt", NULL };

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* BCP 47 in shape: subtags of 1-8 letters or digits joined by '-', the
 * first of 2-8 letters.  Enough to keep nonsense out of the metadata. */
static bool is_language_tag(const char *tag)
{
	size_t run = 0, i = 0;
	bool first = true;

	for (;; i++) {
		char c = tag[i];
		if (c == '-' || c == '\0') {
			if (run == 0 || run > 8 || (first && run < 2))
				return false;
			if (c == '\0')
				return true;
			first = false;
			run = 0;
		} else if (is_alnum(c) && (!first || !(c >= '0' && c <= '9'))) {
			run++;
		} else {
			return false;
		}
	}
}

/* The encoding option, checked now (decoding nothing checks the name) so
 * that a misspelt charset is a usage error before any file is read. */
static int bulletin_encoding(const herald_options *opts,
                             herald_bulletin_config *cfg, herald_diag *diag)
{
	const char *enc = herald_options_get(opts, "encoding");
	herald_decode_options dopts;
	char *none;
	size_t len;

	if (!enc)
		enc = "auto";
	if (strlen(enc) >= sizeof cfg->encoding) {
		herald_error(diag, "bulletin: unknown encoding '%s'", enc);
		return HERALD_EUSAGE;
	}
	strcpy(cfg->encoding, enc);
	dopts = (herald_decode_options){ cfg->encoding, cfg->repair };
	if (herald_decode(NULL, 0, &dopts, &none, &len, NULL, diag) != HERALD_OK)
		return HERALD_EUSAGE;
	free(none);
	return HERALD_OK;
}

static int bulletin_open(const herald_options *opts, void **state,
                         herald_diag *diag)
{
	herald_bulletin_config *cfg = calloc(1, sizeof *cfg);
	const char *order = herald_options_get(opts, "date-order");
	const char *lang = herald_options_get(opts, "lang");

	if (!cfg)
		return HERALD_ENOMEM;
	if (!order || strcmp(order, "dmy") == 0) {
		cfg->date_order = BULLETIN_ORDER_DMY;
	} else if (strcmp(order, "mdy") == 0) {
		cfg->date_order = BULLETIN_ORDER_MDY;
	} else if (strcmp(order, "ymd") == 0) {
		cfg->date_order = BULLETIN_ORDER_YMD;
	} else {
		herald_error(diag, "bulletin: date-order '%s' is not one of "
		             "dmy, mdy, ymd", order);
		free(cfg);
		return HERALD_EUSAGE;
	}
	if (!lang)
		lang = "en";
	if (strlen(lang) >= sizeof cfg->lang || !is_language_tag(lang)) {
		herald_error(diag, "bulletin: lang '%s' is not a language tag "
		             "such as en or pt-BR", lang);
		free(cfg);
		return HERALD_EUSAGE;
	}
	strcpy(cfg->lang, lang);
	cfg->dashless_turns = herald_options_get_bool(opts, "dashless-turns");
	cfg->repair = herald_options_get_bool(opts, "repair");
	if (bulletin_encoding(opts, cfg, diag) != HERALD_OK) {
		free(cfg);
		return HERALD_EUSAGE;
	}
	*state = cfg;
	return HERALD_OK;
}

static void bulletin_close(void *state)
{
	free(state);
}

static int bulletin_read(void *state, const herald_input *in, herald_doc *doc,
                         herald_diag *diag)
{
	const herald_bulletin_config *cfg = state;
	herald_decode_options dopts = { cfg->encoding, cfg->repair };
	char *text;
	size_t len;
	int rc;

	rc = herald_decode(in->data, in->size, &dopts, &text, &len, NULL, diag);
	if (rc != HERALD_OK)
		return rc;
	rc = herald_bulletin_parse(cfg, text, len, doc, diag);
	free(text);
	return rc;
}

HERALD_PLUGIN(bulletin) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "bulletin",
	.version = "1.0",
	.description = "reads plain-text daily news bulletins",
	.roles = HERALD_ROLE_READER,
	.extensions = bulletin_extensions,
	.options = bulletin_options,
	.open = bulletin_open,
	.close = bulletin_close,
	.read = bulletin_read,
};
