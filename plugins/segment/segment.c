/* segment.c - the segment transform: text blocks into SENTENCE nodes.
 *
 * Options (parsed once in open()):
 *   lang=auto|TAG  the language pack whose segment.txt to use; auto (the
 *                  default) takes each document's language metadata;
 *                  when it is unset, the language identified from the
 *                  document's text; the generic pack when neither is
 *                  known or has a pack; an ITEM with a language of its
 *                  own (an archive that mixes languages) gets its pack
 *   abbrev=FILE    more abbreviations and word lists, in the same format,
 *                  added on top of whichever pack is used
 * Rule sets are built once per pack and then only read; the cache that
 * holds them is guarded by a mutex, so transform() may run in several
 * threads at once.  See doc/segment.md.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/plugin.h>
#include <herald/text.h>

#include "regroup.h"
#include "sbd.h"

#define ABBREV_FILE_MAX (16u << 20)   /* an abbreviation list, not a corpus */
#define SAMPLE_MAX 4096               /* text enough to tell a language */

static const herald_option segment_options[] = {
	{ .name = "lang", .type = HERALD_OPT_STRING, .default_value = "auto",
	  .help = "language pack of the sentence rules: auto (the document's "
	  "language) or a BCP 47 tag" },
	{ .name = "abbrev", .type = HERALD_OPT_STRING,
	  .help = "file of extra abbreviations, one a line ('#' comments)" },
	{ 0 }
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

/* One rule set per pack, built on first use. */
typedef struct cached_rules {
	const herald_lang *pack;     /* NULL: the generic pack alone */
	sbd_rules *rules;
	struct cached_rules *next;
} cached_rules;

typedef struct segment_state {
	int automatic;               /* lang=auto */
	const herald_lang *pack;     /* lang=TAG: its pack */
	char *abbrev, *abbrev_path;  /* the abbrev=FILE text, or NULL */
	size_t abbrev_len;
	pthread_mutex_t lock;
	cached_rules *cache;
} segment_state;

static int
read_abbrev_file(segment_state *st, const char *path, herald_diag *diag)
{
	char *text = slurp(path, &st->abbrev_len);

	if (text == NULL) {
		herald_error(diag, "cannot read abbreviations '%s': %s",
		             path, strerror(errno));
		return HERALD_EIO;
	}
	if (memchr(text, '\0', st->abbrev_len) != NULL) {
		free(text);
		herald_error(diag, "'%s' is not a text file", path);
		return HERALD_EUSAGE;
	}
	st->abbrev = text;
	if ((st->abbrev_path = strdup(path)) == NULL)
		return HERALD_ENOMEM;
	return HERALD_OK;
}

/* The rules for pack, built now when new (the caller holds the lock). */
static int
rules_for(segment_state *st, const herald_lang *pack, sbd_rules **out,
          herald_diag *diag)
{
	cached_rules *c;
	sbd_rules *rules;
	sbd_error err;

	for (c = st->cache; c != NULL; c = c->next)
		if (c->pack == pack) {
			*out = c->rules;
			return HERALD_OK;
		}
	if ((rules = sbd_rules_new()) == NULL ||
	    (c = malloc(sizeof *c)) == NULL) {
		sbd_rules_free(rules);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	if (sbd_rules_load_lang(rules, pack, &err) != 0) {
		herald_error(diag, "language pack %s", err.message);
		goto fail;
	}
	if (st->abbrev != NULL &&
	    sbd_rules_load(rules, st->abbrev, st->abbrev_len, "ambiguous",
	                   &err) != 0) {
		herald_error(diag, "%s:%lu: %s", st->abbrev_path,
		             err.line, err.message);
		goto fail;
	}
	c->pack = pack;
	c->rules = rules;
	c->next = st->cache;
	st->cache = c;
	*out = rules;
	return HERALD_OK;
fail:
	free(c);
	sbd_rules_free(rules);
	return HERALD_EUSAGE;
}

static void
segment_close(void *state)
{
	segment_state *st = state;
	cached_rules *c, *next;

	if (st == NULL)
		return;
	for (c = st->cache; c != NULL; c = next) {
		next = c->next;
		sbd_rules_free(c->rules);
		free(c);
	}
	pthread_mutex_destroy(&st->lock);
	free(st->abbrev);
	free(st->abbrev_path);
	free(st);
}

/* "de, en, fr" for a message. */
static void
available_packs(char *buf, size_t size)
{
	size_t n, i, used = 0;
	const char *const *tags = herald_lang_available(&n);

	buf[0] = '\0';
	for (i = 0; i < n && used + 1 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		                         i ? ", " : "", tags[i]);
	if (n == 0)
		snprintf(buf, size, "none");
}

static int
segment_open(const herald_options *opts, void **state, herald_diag *diag)
{
	const char *lang = herald_options_value(opts, "lang");
	const char *abbrev = herald_options_value(opts, "abbrev");
	segment_state *st = calloc(1, sizeof *st);
	sbd_rules *rules;
	int rc;

	if (st == NULL)
		return HERALD_ENOMEM;
	pthread_mutex_init(&st->lock, NULL);
	st->automatic = lang == NULL || *lang == '\0' ||
	                strcmp(lang, "auto") == 0;
	if (!st->automatic && strcmp(lang, "und") != 0 &&
	    (st->pack = herald_lang_find(lang)) == NULL) {
		char have[512];

		available_packs(have, sizeof have);
		herald_error(diag, "no language pack for '%s' (have: "
		             "%s; or auto, und)", lang, have);
		segment_close(st);
		return HERALD_EUSAGE;
	}
	if (abbrev != NULL && *abbrev != '\0' &&
	    (rc = read_abbrev_file(st, abbrev, diag)) != HERALD_OK) {
		segment_close(st);
		return rc;
	}
	/* build the rules a document without a language gets, so that a
	 * bad abbrev=FILE or pack stops the pipeline before any input */
	if ((rc = rules_for(st, st->pack, &rules, diag)) != HERALD_OK) {
		segment_close(st);
		return rc;
	}
	*state = st;
	return HERALD_OK;
}

/* Up to SAMPLE_MAX bytes of the document's text, depth first; *n is
 * what is already in buf.  Bounded by the sample, not the tree. */
static void
sample_text(const herald_node *node, char *buf, size_t *n)
{
	const herald_node *c;
	const char *t;
	size_t len;

	for (c = herald_node_first_child(node); c != NULL && *n < SAMPLE_MAX;
	     c = herald_node_next(c)) {
		if ((t = herald_node_text(c)) != NULL) {
			len = strlen(t);
			if (len > SAMPLE_MAX - *n)
				len = SAMPLE_MAX - *n;
			memcpy(buf + *n, t, len);
			*n += len;
			if (*n < SAMPLE_MAX)
				buf[(*n)++] = ' ';
		}
		sample_text(c, buf, n);
	}
}

/* The pack for a document: its language metadata, else the language of
 * its text (a document from a reader that does not tag it); NULL, the
 * generic rules, when neither is known. */
static const herald_lang *
document_pack(const herald_doc *doc)
{
	const char *meta = herald_doc_meta(doc, HERALD_META_LANGUAGE);
	char sample[SAMPLE_MAX], tag[32];
	size_t n = 0;

	if (meta != NULL && *meta != '\0')
		return herald_lang_find(meta);
	sample_text(herald_doc_root(doc), sample, &n);
	/* a cut may split a character: the identifier reads UTF-8 */
	n = herald_utf8_valid_prefix(sample, n);
	if (herald_lang_identify(sample, n, tag, sizeof tag) != 0)
		return NULL;
	return herald_lang_find(tag);
}

typedef struct item_picker {
	segment_state *st;
	herald_diag *diag;
} item_picker;

/* The rules of an item's own language (sbd_rules_picker). */
static const sbd_rules *
pick_item_rules(void *ctx, const char *lang)
{
	item_picker *ip = ctx;
	sbd_rules *rules;
	int rc;

	pthread_mutex_lock(&ip->st->lock);
	rc = rules_for(ip->st, herald_lang_find(lang), &rules, ip->diag);
	pthread_mutex_unlock(&ip->st->lock);
	return rc == HERALD_OK ? rules : NULL;
}

static int
segment_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	item_picker ip;
	segment_state *st = state;
	const herald_lang *pack = st->pack;
	sbd_scratch scratch;
	sbd_rules *rules;
	int rc;

	if (st->automatic)
		pack = document_pack(doc);
	pthread_mutex_lock(&st->lock);
	rc = rules_for(st, pack, &rules, diag);
	pthread_mutex_unlock(&st->lock);
	if (rc != HERALD_OK)
		return rc;
	ip.st = st;
	ip.diag = diag;
	memset(&scratch, 0, sizeof scratch);
	/* lang=TAG holds for the whole document; auto follows its items */
	rc = sbd_segment_tree_langs(herald_doc_root(doc), rules,
	                            st->automatic ? pick_item_rules : NULL, &ip,
	                            &scratch);
	sbd_scratch_release(&scratch);
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
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
