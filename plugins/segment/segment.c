/* segment.c - the segment transform: text blocks into SENTENCE nodes.
 *
 * Options (parsed once in open(); the rules are only read afterwards,
 * so transform() may run in several threads at once):
 *   lang=en        the built-in rules to start from
 *   abbrev=FILE    more abbreviations and word lists, in the rule format
 *                  described in rules_en.c (one word a line is enough)
 * See doc/segment.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/plugin.h>

#include "regroup.h"
#include "sbd.h"

#define ABBREV_FILE_MAX (16u << 20)   /* an abbreviation list, not a corpus */

static const herald_option segment_options[] = {
	{ "lang", HERALD_OPT_CHOICE, "en",
	  "language of the built-in sentence rules", "en" },
	{ "abbrev", HERALD_OPT_STRING, NULL,
	  "file of extra abbreviations, one a line ('#' comments)", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* The whole of a small file; NULL with errno set on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL, *p;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (*len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > ABBREV_FILE_MAX || (p = realloc(data, cap)) == NULL) {
				errno = cap > ABBREV_FILE_MAX ? EFBIG : ENOMEM;
				goto fail;
			}
			data = p;
		}
		n = fread(data + *len, 1, cap - *len - 1, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	data[*len] = '\0';
	return data;
fail:
	n = (size_t)errno;
	fclose(f);
	free(data);
	errno = (int)n;
	return NULL;
}

static int
load_abbrev_file(sbd_rules *rules, const char *path, herald_diag *diag)
{
	sbd_error err;
	size_t len;
	char *text = slurp(path, &len);

	if (text == NULL) {
		herald_error(diag, "segment: cannot read abbreviations '%s': %s",
		             path, strerror(errno));
		return HERALD_EIO;
	}
	if (memchr(text, '\0', len) != NULL) {
		free(text);
		herald_error(diag, "segment: '%s' is not a text file", path);
		return HERALD_EUSAGE;
	}
	if (sbd_rules_load(rules, text, len, "ambiguous", &err) != 0) {
		free(text);
		herald_error(diag, "segment: %s:%lu: %s", path, err.line,
		             err.message);
		return HERALD_EUSAGE;
	}
	free(text);
	return HERALD_OK;
}

static int
segment_open(const herald_options *opts, void **state, herald_diag *diag)
{
	const char *lang = herald_options_get(opts, "lang");
	const char *abbrev = herald_options_get(opts, "abbrev");
	const char *builtin = sbd_builtin_rules(lang ? lang : "en");
	sbd_rules *rules;
	sbd_error err;
	int rc;

	if (builtin == NULL) {
		herald_error(diag, "segment: no rules for language '%s' (have: %s)",
		             lang, sbd_builtin_languages());
		return HERALD_EUSAGE;
	}
	if ((rules = sbd_rules_new()) == NULL)
		return HERALD_ENOMEM;
	if (sbd_rules_load(rules, builtin, strlen(builtin), "ambiguous",
	                   &err) != 0) {
		herald_error(diag, "segment: built-in rules, line %lu: %s",
		             err.line, err.message);
		sbd_rules_free(rules);
		return HERALD_EPLUGIN;
	}
	if (abbrev != NULL && *abbrev != '\0' &&
	    (rc = load_abbrev_file(rules, abbrev, diag)) != HERALD_OK) {
		sbd_rules_free(rules);
		return rc;
	}
	*state = rules;
	return HERALD_OK;
}

static void
segment_close(void *state)
{
	sbd_rules_free(state);
}

static int
segment_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	sbd_scratch scratch;
	int rc;

	memset(&scratch, 0, sizeof scratch);
	rc = sbd_segment_tree(herald_doc_root(doc), state, &scratch);
	sbd_scratch_release(&scratch);
	if (rc != HERALD_OK)
		herald_error(diag, "segment: out of memory");
	return rc;
}

HERALD_PLUGIN(segment) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "segment",
	.version = "1.0",
	.description = "splits paragraphs and turns into sentences",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = segment_options,
	.open = segment_open,
	.close = segment_close,
	.transform = segment_transform,
};
