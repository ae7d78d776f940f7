/* options.c - plugin options: parsing, checking against the plugin's
 * table, and the getters plugins use. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/plugin.h>

#include "options.h"

typedef struct option_value {
	const herald_option *option;
	char *value;            /* NULL: not set by the user */
} option_value;

struct herald_options {
	size_t count;
	option_value *values;
};

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int spec_split(const char *spec, char **name, const char **args,
                      herald_diag *diag)
{
	size_t len = strcspn(spec, ":");
	*name = NULL;
	*args = spec[len] == ':' ? spec + len + 1 : spec + len;
	for (size_t i = 0; i < len; i++)
		if (!is_name_char(spec[i]))
			len = 0;
	if (len == 0) {
		herald_error(diag, "'%s' is not a plugin name "
		             "(expected [a-z0-9]+, then optionally :key=value,...)", spec);
		return HERALD_EUSAGE;
	}
	*name = strndup(spec, len);
	return *name ? HERALD_OK : HERALD_ENOMEM;
}

static const char *type_name(herald_option_type t)
{
	switch (t) {
	case HERALD_OPT_BOOL: return "boolean";
	case HERALD_OPT_INT: return "integer";
	case HERALD_OPT_CHOICE: return "choice";
	default: return "string";
	}
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

static int parse_int(const char *v, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end)
		return -1;
	*out = n;
	return 0;
}

/* Whether word is one of the '|'-separated choices. */
static int is_choice(const char *choices, const char *word)
{
	size_t wl = strlen(word);
	const char *p = choices ? choices : "";
	while (*p) {
		size_t l = strcspn(p, "|");
		if (l == wl && strncmp(p, word, l) == 0)
			return 1;
		p += l;
		if (*p == '|')
			p++;
	}
	return 0;
}

static int check_value(const herald_plugin *plugin, const herald_option *o,
                       const char *value, herald_diag *diag)
{
	int b;
	long n;
	int ok = 1;
	const char *expected = "";

	switch (o->type) {
	case HERALD_OPT_BOOL:
		ok = parse_bool(value, &b) == 0;
		expected = "true or false";
		break;
	case HERALD_OPT_INT:
		ok = parse_int(value, &n) == 0;
		expected = "a decimal integer";
		break;
	case HERALD_OPT_CHOICE:
		ok = is_choice(o->choices, value);
		expected = o->choices ? o->choices : "";
		break;
	case HERALD_OPT_STRING:
		break;
	}
	if (!ok) {
		herald_error(diag, "%s: bad value '%s' for option '%s' (expected %s)",
		             plugin->name, value, o->name, expected);
		return HERALD_EUSAGE;
	}
	return HERALD_OK;
}

static void report_unknown(const herald_plugin *plugin, const char *key,
                           herald_diag *diag)
{
	char valid[512] = "";
	size_t used = 0;
	for (const herald_option *o = plugin->options; o && o->name; o++) {
		int n = snprintf(valid + used, sizeof(valid) - used, "%s%s",
		                 used ? ", " : "", o->name);
		if (n < 0 || (size_t)n >= sizeof(valid) - used)
			break;
		used += (size_t)n;
	}
	if (used)
		herald_error(diag, "%s: unknown option '%s' (valid: %s)",
		             plugin->name, key, valid);
	else
		herald_error(diag, "%s: unknown option '%s' (it takes no options)",
		             plugin->name, key);
}

static option_value *find_value(const herald_options *opts, const char *name)
{
	for (size_t i = 0; opts && i < opts->count; i++)
		if (strcmp(opts->values[i].option->name, name) == 0)
			return &opts->values[i];
	return NULL;
}

/* --- the tokenizer ------------------------------------------------------
 * Pairs are "key" or "key=value", separated by ','.  A value that starts
 * with '"' or '\'' is quoted: it runs to the matching quote, and may hold
 * ',' and '!'; inside double quotes \" is a quote and \\ a backslash
 * (any other backslash stays as it is, so a regular expression's \d
 * keeps its meaning); single quotes take every byte as it is.  A quote
 * anywhere else is an ordinary byte, so values written before quoting
 * existed (an exec command holding its own shell quotes) keep meaning
 * what they meant.  Every caller splits with scan_pair(), so a chain,
 * a stage and its options agree on where a quoted value ends. */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One pair as written, starting at its first byte. */
typedef struct spec_pair {
	size_t key_len;
	size_t value_at;        /* offset of the value; 0: no '=' */
	size_t value_len;       /* quotes included */
	char quote;             /* '"', '\'' or 0 */
	size_t len;             /* the whole pair, up to its ',' or stop */
} spec_pair;

/* The length of the quoted value at s (s[0] is its quote), closing quote
 * included; 0 when it is not closed. */
static size_t quoted_length(const char *s)
{
	char q = s[0];
	size_t i = 1;
	while (s[i] && s[i] != q) {
		if (q == '"' && s[i] == '\\' && (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		i++;
	}
	return s[i] == q ? i + 1 : 0;
}

/* Scan the pair at s: it ends at an unquoted ',', a byte of stops or the
 * end.  On a malformed pair, pb says where and why. */
static int scan_pair(const char *s, const char *stops, spec_pair *pair,
                     spec_problem *pb)
{
	memset(pair, 0, sizeof(*pair));
	size_t i = 0;
	while (s[i] && s[i] != ',' && s[i] != '=' && !strchr(stops, s[i]))
		i++;
	pair->key_len = i;
	if (s[i] != '=') {
		pair->len = i;
		return 0;
	}
	pair->value_at = ++i;
	if (s[i] == '"' || s[i] == '\'') {
		size_t qlen = quoted_length(s + i);
		if (!qlen) {
			pb->at = i;
			pb->what = s[i] == '"' ? "unterminated double quote"
			                       : "unterminated single quote";
			return -1;
		}
		pair->quote = s[i];
		pair->value_len = qlen;
		i += qlen;
		while (is_blank(s[i]))
			i++;
		if (s[i] && s[i] != ',' && !strchr(stops, s[i])) {
			pb->at = i;
			pb->what = "text after a closing quote (quote the whole value)";
			return -1;
		}
	} else {
		while (s[i] && s[i] != ',' && !strchr(stops, s[i]))
			i++;
		pair->value_len = i - pair->value_at;
	}
	pair->len = i;
	return 0;
}

int spec_span(const char *text, const char *stops, size_t *len,
              spec_problem *pb)
{
	size_t i = 0;
	for (;;) {
		spec_pair pair;
		if (scan_pair(text + i, stops, &pair, pb)) {
			pb->at += i;
			return -1;
		}
		i += pair.len;
		if (text[i] != ',')
			break;
		i++;
	}
	*len = i;
	return 0;
}

/* The 1-based column of byte offset at in UTF-8 text: characters, as
 * every diagnostic counts them (a continuation byte starts none). */
static size_t column_of(const char *text, size_t at)
{
	size_t col = 1;
	for (size_t i = 0; i < at; i++)
		col += ((unsigned char)text[i] & 0xC0) != 0x80;
	return col;
}

void spec_report(herald_diag *diag, const char *kind, const char *text,
                 const spec_problem *pb)
{
	char q[HERALD_QUOTE_SIZE];
	herald_error(diag, "%s in %s'%s' at column %zu", pb->what,
	             kind ? kind : "", herald_diag_quote(text, q, sizeof(q)),
	             column_of(text, pb->at));
}

/* The value of pair as the plugin gets it: quotes removed, escapes
 * resolved.  The caller frees it. */
static char *unquoted(const char *value, const spec_pair *pair)
{
	if (!pair->quote)
		return strndup(value, pair->value_len);
	size_t inner = pair->value_len - 2;
	char *out = malloc(inner + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = 1; i <= inner; i++) {
		if (pair->quote == '"' && value[i] == '\\' &&
		    (value[i + 1] == '"' || value[i + 1] == '\\'))
			i++;
		out[n++] = value[i];
	}
	out[n] = '\0';
	return out;
}

/* Store one pair's value (a bare "key" means true for a boolean). */
static int parse_pair(const herald_plugin *plugin, herald_options *opts,
                      const char *text, const spec_pair *pair,
                      herald_diag *diag)
{
	char *key = strndup(text, pair->key_len);
	char *value = pair->value_at ? unquoted(text + pair->value_at, pair)
	                             : strdup("true");
	option_value *slot = key ? find_value(opts, key) : NULL;
	int rc = HERALD_OK;
	if (!key || !value) {
		rc = HERALD_ENOMEM;
	} else if (!slot) {
		report_unknown(plugin, key, diag);
		rc = HERALD_EUSAGE;
	} else if (!pair->value_at && slot->option->type != HERALD_OPT_BOOL) {
		herald_error(diag, "%s: option '%s' needs a value (%s=...)",
		             plugin->name, key, key);
		rc = HERALD_EUSAGE;
	} else if ((rc = check_value(plugin, slot->option, value, diag)) ==
	           HERALD_OK) {
		free(slot->value);
		slot->value = value;
		value = NULL;
	}
	free(key);
	free(value);
	return rc;
}

static int names_option(const herald_options *opts, const char *key,
                        size_t len)
{
	for (size_t i = 0; i < opts->count; i++) {
		const char *name = opts->values[i].option->name;
		if (strlen(name) == len && strncmp(name, key, len) == 0)
			return 1;
	}
	return 0;
}

/* "title=x{1,3}" reads as title=x{1 and an option "3}": when an unknown
 * bare word follows an unquoted value, say what the ',' did. */
static void hint_unquoted_comma(const herald_options *opts, const char *prev,
                                const spec_pair *prev_pair, const char *text,
                                const spec_pair *pair, herald_diag *diag)
{
	if (!prev || prev_pair->quote || !prev_pair->value_at || pair->value_at ||
	    names_option(opts, text, pair->key_len))
		return;
	int n = (int)prev_pair->key_len;
	herald_diag_report(diag, HERALD_NOTE, 0, 0, "',' ends the value of "
	                   "'%.*s'; to keep it in the value, quote the value: "
	                   "%.*s=\"...\"", n, prev, n, prev);
}

/* Every pair of args, which starts at offset args - spec of spec. */
static int parse_pairs(const herald_plugin *plugin, const char *spec,
                       const char *args, herald_options *opts,
                       herald_diag *diag)
{
	const char *p = args, *prev = NULL;
	spec_pair prev_pair = { 0 };
	while (*p) {
		spec_pair pair;
		spec_problem pb;
		if (scan_pair(p, "", &pair, &pb)) {
			pb.at += (size_t)(p - spec);
			spec_report(diag, "", spec, &pb);
			return HERALD_EUSAGE;
		}
		if (pair.len) {
			int rc = parse_pair(plugin, opts, p, &pair, diag);
			if (rc == HERALD_EUSAGE)
				hint_unquoted_comma(opts, prev, &prev_pair, p, &pair, diag);
			if (rc)
				return rc;
			prev = p;
			prev_pair = pair;
		}
		p += pair.len;
		if (*p == ',')
			p++;
	}
	return HERALD_OK;
}

int options_parse(const herald_plugin *plugin, const char *spec,
                  const char *args, herald_options **out, herald_diag *diag)
{
	herald_options *opts = calloc(1, sizeof(*opts));
	if (!opts)
		return HERALD_ENOMEM;
	for (const herald_option *o = plugin->options; o && o->name; o++)
		opts->count++;
	opts->values = calloc(opts->count ? opts->count : 1, sizeof(option_value));
	if (!opts->values) {
		free(opts);
		return HERALD_ENOMEM;
	}
	for (size_t i = 0; i < opts->count; i++)
		opts->values[i].option = &plugin->options[i];

	const char *text = args ? args : spec ? spec : "";
	int rc = parse_pairs(plugin, spec ? spec : text, text, opts, diag);
	if (rc != HERALD_OK) {
		options_free(opts);
		return rc;
	}
	*out = opts;
	return HERALD_OK;
}

void options_free(herald_options *opts)
{
	if (!opts)
		return;
	for (size_t i = 0; i < opts->count; i++)
		free(opts->values[i].value);
	free(opts->values);
	free(opts);
}

const char *herald_options_value(const herald_options *opts, const char *name)
{
	option_value *v = find_value(opts, name);
	if (!v)
		return NULL;
	return v->value ? v->value : v->option->default_value;
}

int herald_options_is_set(const herald_options *opts, const char *name)
{
	option_value *v = find_value(opts, name);
	return v && v->value;
}

int herald_options_bool(const herald_options *opts, const char *name)
{
	const char *v = herald_options_value(opts, name);
	int b = 0;
	return v && parse_bool(v, &b) == 0 ? b : 0;
}

long herald_options_int(const herald_options *opts, const char *name)
{
	const char *v = herald_options_value(opts, name);
	long n = 0;
	return v && parse_int(v, &n) == 0 ? n : 0;
}

const char *herald_option_type_name(herald_option_type t)
{
	return type_name(t);
}
