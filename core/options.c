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

/* One "key=value" (or a bare "key", meaning true for a boolean). */
static int parse_pair(const herald_plugin *plugin, herald_options *opts,
                      const char *pair, size_t len, herald_diag *diag)
{
	char *text = strndup(pair, len);
	if (!text)
		return HERALD_ENOMEM;
	char *eq = strchr(text, '=');
	if (eq)
		*eq = '\0';
	option_value *slot = find_value(opts, text);
	int rc = HERALD_OK;
	if (!slot) {
		report_unknown(plugin, text, diag);
		rc = HERALD_EUSAGE;
	} else if (!eq && slot->option->type != HERALD_OPT_BOOL) {
		herald_error(diag, "%s: option '%s' needs a value (%s=...)",
		             plugin->name, text, text);
		rc = HERALD_EUSAGE;
	} else {
		const char *value = eq ? eq + 1 : "true";
		rc = check_value(plugin, slot->option, value, diag);
		if (rc == HERALD_OK) {
			free(slot->value);
			slot->value = strdup(value);
			if (!slot->value)
				rc = HERALD_ENOMEM;
		}
	}
	free(text);
	return rc;
}

int options_parse(const herald_plugin *plugin, const char *args,
                         herald_options **out, herald_diag *diag)
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

	int rc = HERALD_OK;
	const char *p = args ? args : "";
	while (*p && rc == HERALD_OK) {
		size_t len = strcspn(p, ",");
		if (len)
			rc = parse_pair(plugin, opts, p, len, diag);
		p += len;
		if (*p == ',')
			p++;
	}
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

const char *herald_options_get(const herald_options *opts, const char *name)
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

int herald_options_get_bool(const herald_options *opts, const char *name)
{
	const char *v = herald_options_get(opts, name);
	int b = 0;
	return v && parse_bool(v, &b) == 0 ? b : 0;
}

long herald_options_get_int(const herald_options *opts, const char *name)
{
	const char *v = herald_options_get(opts, name);
	long n = 0;
	return v && parse_int(v, &n) == 0 ? n : 0;
}

const char *herald_option_type_name(herald_option_type t)
{
	return type_name(t);
}
