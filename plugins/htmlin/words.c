/* words.c - the reader's vocabulary (words.txt), parsed once in open().
 *
 * The file is compiled in (words.h is generated from it by the build) so
 * that an installed module never runs without it; users who want other
 * words edit the file and rebuild, as they would a language pack. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlin.h"
#include "words.h"   /* static const char htmlin_words_txt[] */

static const char *const section_names[HW_COUNT] = {
	"boilerplate", "content", "hidden", "roles", "itemprop", "separators",
	"byline", "articletypes", "credits", "bylineprefix", "caption",
	"datetime"
};

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int hw_load(hw_words *w, herald_diag *diag)
{
	size_t lines = 1, n = 0;
	int section = -1;
	char *p, *next;

	memset(w, 0, sizeof *w);
	w->buf = strdup(htmlin_words_txt);
	for (const char *c = htmlin_words_txt; *c; c++)
		lines += *c == '\n';
	/* One array holds every list's entries, each list a slice of it. */
	const char **all = calloc(lines, sizeof *all);
	int *of = calloc(lines, sizeof *of);
	if (!w->buf || !all || !of) {
		free(all);
		free(of);
		free(w->buf);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	for (p = w->buf; p; p = next) {
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		char *hash = strchr(p, '#');
		/* '#' alone on a line is an entry nowhere, so every '#'
		 * starts a comment. */
		if (hash)
			*hash = '\0';
		p = trim(p);
		if (!*p)
			continue;
		if (*p == '[') {
			char *end = strchr(p, ']');
			section = -1;
			if (end) {
				*end = '\0';
				for (int i = 0; i < HW_COUNT; i++)
					if (strcmp(p + 1, section_names[i]) == 0)
						section = i;
			}
			continue;
		}
		if (section < 0)
			continue;
		all[n] = p;
		of[n++] = section;
	}
	/* Group by list: the lists are small, a pass per list is enough. */
	const char **sorted = calloc(n ? n : 1, sizeof *sorted);
	if (!sorted) {
		free(all);
		free(of);
		free(w->buf);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	size_t k = 0;
	for (int s = 0; s < HW_COUNT; s++) {
		w->list[s] = sorted + k;
		for (size_t i = 0; i < n; i++)
			if (of[i] == s)
				sorted[k++] = all[i];
		w->count[s] = (size_t)(sorted + k - w->list[s]);
	}
	free(all);
	free(of);
	return HERALD_OK;
}

void hw_free(hw_words *w)
{
	free((void *)w->list[0]);
	free(w->buf);
	memset(w, 0, sizeof *w);
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool token_starts_with(const char *tok, size_t n, const char *word)
{
	size_t wl = strlen(word);
	return wl <= n && strncasecmp(tok, word, wl) == 0;
}

static bool match_one(const hw_words *w, hw_list list, const char *tok,
                      size_t n)
{
	for (size_t i = 0; i < w->count[list]; i++)
		if (token_starts_with(tok, n, w->list[list][i]))
			return true;
	return false;
}

bool hw_match_tokens(const hw_words *w, hw_list list, const char *value)
{
	char tok[64];
	size_t n = 0;

	if (!value)
		return false;
	/* Each run of letters and digits is a token, and so is each run
	 * joined by '-' or '_' with those removed ("share-bar" gives
	 * "share", "bar" and "sharebar"). */
	for (const char *s = value;; s++) {
		if (is_alnum(*s)) {
			const char *start = s;
			size_t len = 0;
			while (is_alnum(*s))
				s++, len++;
			if (match_one(w, list, start, len))
				return true;
			if (n + len < sizeof tok) {
				memcpy(tok + n, start, len);
				n += len;
			}
			if (*s == '-' || *s == '_')
				continue;
		}
		if (n && match_one(w, list, tok, n))
			return true;
		n = 0;
		if (!*s)
			break;
	}
	return false;
}

bool hw_match_exact(const hw_words *w, hw_list list, const char *value)
{
	if (!value)
		return false;
	for (size_t i = 0; i < w->count[list]; i++)
		if (strcasecmp(value, w->list[list][i]) == 0)
			return true;
	return false;
}

bool hw_match_label(const hw_words *w, hw_list list, const char *s)
{
	for (size_t i = 0; i < w->count[list]; i++) {
		size_t l = strlen(w->list[list][i]);
		if (strncasecmp(s, w->list[list][i], l))
			continue;
		const char *rest = s + l;
		while (*rest == ' ')
			rest++;
		if (*rest == ':')
			return true;
	}
	return false;
}
