/* redact - an example transform: masks every word listed in a file.
 *
 *     herald -x redact:words=secret.txt,mask=# bulletin.txt
 *
 * A word is a run of letters, digits and the combining marks on them,
 * in any script (herald's text layer, <herald/text.h>, says which is
 * which), so "Zürich" and "परिषद" are one word each and "“secret”" holds
 * the word "secret".  Words match without regard to case, by full
 * Unicode case folding: "über" masks "Über", "проф" masks "Проф.", and
 * "strasse" masks "Straße".
 *
 * Each character of a matched word becomes ONE mask character, so a
 * masked text has as many characters as before (its byte length may
 * change when the word or the mask is outside ASCII): columns of later
 * diagnostics stay right and the shape of the text is kept.
 *
 * Masked: text, item and quote titles, speakers' names and the document
 * title.  Link targets are left alone (they are addresses, not prose).
 * A word split across two inlines (half of it emphasised) is not seen.
 *
 * Copy this file to start a transform of your own; see doc/plugins.md.
 */
#define _POSIX_C_SOURCE 200809L   /* getline, strndup */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <herald/plugin.h>
#include <herald/text.h>

/* --- words -------------------------------------------------------------- */

static int is_word_char(uint32_t cp)
{
	return herald_cp_is_alnum(cp) || herald_cp_is_mark(cp);
}

/* A word case folded: in buf when it is ASCII and fits, which is most
 * words, else in heap (malloc'd). */
typedef struct {
	char buf[64];
	const char *s;
	size_t len;
	char *heap;
} folded_word;

/* Fold the len bytes at s into w; HERALD_ENOMEM when out of memory.
 * The caller frees w->heap. */
static int fold_word(folded_word *w, const char *s, size_t len)
{
	size_t i = 0;
	w->heap = NULL;
	if (len <= sizeof(w->buf)) {
		while (i < len && (unsigned char)s[i] < 0x80) {
			char c = s[i];
			w->buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
			i++;
		}
	}
	if (i == len) {
		w->s = w->buf;
		w->len = len;
		return HERALD_OK;
	}
	if (!(w->heap = herald_text_casefold(s, len, &w->len)))
		return HERALD_ENOMEM;
	w->s = w->heap;
	return HERALD_OK;
}

/* --- the set of words --------------------------------------------------- */

/* Open addressing, at most half full: lookups stay O(word length). */
typedef struct {
	char **slots;
	size_t cap, count;
	char mask[5];           /* one UTF-8 character */
	size_t mask_len;
} redact_state;

/* The set holds words case folded, and is asked with folded words. */
static uint64_t hash_word(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;      /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static int same_word(const char *stored, const char *s, size_t len)
{
	return strncmp(stored, s, len) == 0 && stored[len] == '\0';
}

static char **find_slot(char **slots, size_t cap, const char *s, size_t len)
{
	size_t i = hash_word(s, len) & (cap - 1);
	while (slots[i] && !same_word(slots[i], s, len))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Whether the word (len bytes at s, as written) is listed: 1 or 0, or
 * HERALD_ENOMEM. */
static int words_contain(const redact_state *st, const char *s, size_t len)
{
	if (!st->count)
		return 0;
	folded_word w;
	if (fold_word(&w, s, len) != HERALD_OK)
		return HERALD_ENOMEM;
	int found = *find_slot(st->slots, st->cap, w.s, w.len) != NULL;
	free(w.heap);
	return found;
}

static int grow(redact_state *st)
{
	size_t cap = st->cap ? st->cap * 2 : 64;
	char **slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return HERALD_ENOMEM;
	for (size_t i = 0; i < st->cap; i++)
		if (st->slots[i])
			*find_slot(slots, cap, st->slots[i], strlen(st->slots[i])) =
				st->slots[i];
	free(st->slots);
	st->slots = slots;
	st->cap = cap;
	return HERALD_OK;
}

static int add_word(redact_state *st, const char *s, size_t len)
{
	if (2 * (st->count + 1) > st->cap && grow(st) != HERALD_OK)
		return HERALD_ENOMEM;
	folded_word w;
	if (fold_word(&w, s, len) != HERALD_OK)
		return HERALD_ENOMEM;
	char **slot = find_slot(st->slots, st->cap, w.s, w.len);
	int rc = HERALD_OK;
	if (!*slot) {           /* else listed twice */
		if ((*slot = strndup(w.s, w.len)))
			st->count++;
		else
			rc = HERALD_ENOMEM;
	}
	free(w.heap);
	return rc;
}

static void redact_close(void *state)
{
	redact_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < st->cap; i++)
		free(st->slots[i]);
	free(st->slots);
	free(st);
}

/* --- reading the words file --------------------------------------------- */

/* Report at a position of the words file, then give the diagnostics
 * back the file they were about. */
static void report_in_file(herald_diag *diag, const char *path,
                           unsigned long line, unsigned long col,
                           const char *message)
{
	char *previous = strdup(herald_diag_file(diag));
	herald_diag_set_file(diag, path);
	herald_diag_report(diag, HERALD_ERROR, line, col, "%s", message);
	herald_diag_set_file(diag, previous);
	free(previous);
}

/* One line of the file: surrounding blanks dropped, '#' starts a
 * comment; what remains must be a single word. */
static int add_line(redact_state *st, const char *path, unsigned long lineno,
                    const char *s, size_t n, herald_diag *diag)
{
	size_t end = 0, col = 1, start = 0, start_col = 0;
	const char *hash = memchr(s, '#', n);
	if (hash)
		n = (size_t)(hash - s);
	size_t valid = herald_utf8_valid_prefix(s, n);
	if (valid < n) {
		/* Words files come from users: checked before any use. */
		report_in_file(diag, path, lineno,
		               herald_utf8_count(s, valid) + 1,
		               "not valid UTF-8 (or a NUL byte)");
		return HERALD_EINPUT;
	}
	while (end < n) {
		uint32_t cp;
		size_t len = herald_utf8_next(s + end, n - end, &cp);
		int blank = cp == ' ' || cp == '\t' || cp == '\r';
		if (!blank && !is_word_char(cp)) {
			report_in_file(diag, path, lineno, col,
			               "a listed word may hold only letters and digits");
			return HERALD_EUSAGE;
		}
		if (!blank && !start_col) {
			start = end;
			start_col = col;
		} else if (blank && start_col) {
			break;
		}
		end += len;
		col++;
	}
	if (!start_col)
		return HERALD_OK;       /* blank or comment */
	size_t word_end = end;
	for (; end < n; end++)
		if (s[end] != ' ' && s[end] != '\t' && s[end] != '\r') {
			report_in_file(diag, path, lineno, start_col,
			               "one word per line");
			return HERALD_EUSAGE;
		}
	return add_word(st, s + start, word_end - start);
}

static int load_words(redact_state *st, const char *path, herald_diag *diag)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		herald_error(diag, "cannot open words file '%s': %s", path,
		             strerror(errno));
		return HERALD_EIO;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int rc = HERALD_OK;
	while (rc == HERALD_OK && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n && line[n - 1] == '\n')
			n--;
		rc = add_line(st, path, lineno, line, (size_t)n, diag);
	}
	if (rc == HERALD_OK && ferror(f)) {
		herald_error(diag, "cannot read '%s'", path);
		rc = HERALD_EIO;
	}
	free(line);
	fclose(f);
	return rc;
}

static int redact_open(const herald_options *opts, void **state,
                       herald_diag *diag)
{
	const char *words = herald_options_value(opts, "words");
	const char *mask = herald_options_value(opts, "mask");
	if (!words) {
		herald_error(diag, "give the words to mask: "
		             "redact:words=FILE");
		return HERALD_EUSAGE;
	}
	size_t mask_bytes = strlen(mask), mask_len = 0;
	if (mask_bytes && herald_utf8_is_valid(mask, mask_bytes)) {
		uint32_t cp;
		mask_len = herald_utf8_next(mask, mask_bytes, &cp);
		if (herald_cp_is_line_break(cp))
			mask_len = 0;
	}
	if (!mask_len || mask[mask_len] != '\0') {
		herald_error(diag, "mask must be one character, not '%s'",
		             mask);
		return HERALD_EUSAGE;
	}
	redact_state *st = calloc(1, sizeof(*st));
	if (!st)
		return HERALD_ENOMEM;
	memcpy(st->mask, mask, mask_len);
	st->mask_len = mask_len;
	int rc = load_words(st, words, diag);
	if (rc == HERALD_OK && st->count == 0)
		herald_warning(diag, "'%s' lists no words", words);
	if (rc != HERALD_OK) {
		redact_close(st);
		return rc;
	}
	*state = st;
	return HERALD_OK;
}

/* --- masking ------------------------------------------------------------- */

/* A masked copy of s (malloc'd; NULL when out of memory) and whether
 * anything was masked.  One pass: linear in the length of s. */
static char *mask_words(const redact_state *st, const char *s, int *changed)
{
	size_t n = strlen(s);
	/* Each character (at least one byte) becomes at most mask_len bytes. */
	char *out = malloc(n * st->mask_len + 1);
	if (!out)
		return NULL;
	size_t i = 0, o = 0;
	*changed = 0;
	while (i < n) {
		size_t len = 0, chars = 0, start = i;
		uint32_t cp = 0;
		while (i < n && (len = herald_utf8_next(s + i, n - i, &cp)) &&
		       is_word_char(cp)) {
			i += len;
			chars++;
		}
		int listed = chars ? words_contain(st, s + start, i - start) : 0;
		if (listed == HERALD_ENOMEM) {
			free(out);
			return NULL;
		}
		if (listed) {
			for (size_t c = 0; c < chars; c++, o += st->mask_len)
				memcpy(out + o, st->mask, st->mask_len);
			*changed = 1;
		} else {
			memcpy(out + o, s + start, i - start);
			o += i - start;
		}
		if (i < n) {            /* the character ending the word */
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		}
	}
	out[o] = '\0';
	return out;
}

/* A masked copy of value in *masked (the caller frees it), or NULL when
 * no listed word occurs in it: the document is then left untouched. */
static int masked_copy(const redact_state *st, const char *value,
                       char **masked)
{
	int changed;
	*masked = NULL;
	if (!value)
		return HERALD_OK;
	char *copy = mask_words(st, value, &changed);
	if (!copy)
		return HERALD_ENOMEM;
	if (changed)
		*masked = copy;
	else
		free(copy);
	return HERALD_OK;
}

typedef int (*string_setter)(herald_node *node, const char *value);

/* Mask a string attribute of node (title, speaker) through its setter,
 * which copies the new value into the document. */
static int mask_attribute(const redact_state *st, herald_node *node,
                          const char *value, string_setter set)
{
	char *masked;
	int rc = masked_copy(st, value, &masked);
	if (rc == HERALD_OK && masked)
		rc = set(node, masked);
	free(masked);
	return rc;
}

static int set_text(herald_node *node, const char *text)
{
	return herald_node_set_text(node, text, strlen(text));
}

static int mask_node(const redact_state *st, herald_node *node)
{
	switch (herald_node_type_of(node)) {
	case HERALD_NODE_TEXT:
		return mask_attribute(st, node, herald_node_text(node), set_text);
	case HERALD_NODE_ITEM:
	case HERALD_NODE_QUOTE: {
		int rc = mask_attribute(st, node, herald_node_title(node),
		                        herald_node_set_title);
		return rc ? rc : mask_attribute(st, node, herald_node_speaker(node),
		                                herald_node_set_speaker);
	}
	case HERALD_NODE_TURN:
		return mask_attribute(st, node, herald_node_speaker(node),
		                      herald_node_set_speaker);
	default:
		return HERALD_OK;
	}
}

static int mask_doc_title(const redact_state *st, herald_doc *doc)
{
	char *masked;
	int rc = masked_copy(st, herald_doc_meta(doc, HERALD_META_TITLE), &masked);
	if (rc == HERALD_OK && masked)
		rc = herald_doc_set_meta(doc, HERALD_META_TITLE, masked);
	free(masked);
	return rc;
}

/* May run in several threads at once: the state is only read. */
static int redact_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	const redact_state *st = state;
	int rc = mask_doc_title(st, doc);
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (rc == HERALD_OK && herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER)
			rc = mask_node(st, w.node);
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
	return rc;
}

static const herald_option redact_options[] = {
	{ .name = "words", .type = HERALD_OPT_STRING,
	  .help = "file of words to mask, one a line ('#' starts a comment)" },
	{ .name = "mask", .type = HERALD_OPT_STRING, .default_value = "*",
	  .help = "the character each masked character becomes" },
	{ 0 }   /* the end: every field zero (clang warns on { NULL }) */
};

HERALD_PLUGIN(redact) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "redact",
	.version = "1.0",
	.description = "masks the words listed in a file",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = redact_options,
	.open = redact_open,
	.close = redact_close,
	.transform = redact_transform,
};
