/* names.c - file names where text is wanted (names.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/buffer.h>
#include <herald/text.h>

#include "names.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

/* name with each maximal ill-formed subpart replaced: by U+FFFD, or
 * (percent) by its bytes as %XX, '%' itself then %25 too. */
static char *repaired(const char *name, int percent)
{
	size_t n = strlen(name);
	herald_buf out = HERALD_BUF_INIT;
	herald_buf_reserve(&out, n + 1);
	for (size_t i = 0; i < n;) {
		size_t valid = herald_utf8_valid_prefix(name + i, n - i);
		if (percent) {
			const char *pc = memchr(name + i, '%', valid);
			if (pc)
				valid = (size_t)(pc - (name + i));
		}
		herald_buf_append(&out, name + i, valid);
		i += valid;
		if (i == n)
			break;
		uint32_t cp;
		size_t bad = name[i] == '%' ? 1 : herald_utf8_next(name + i, n - i, &cp);
		for (size_t k = 0; percent && k < bad; k++)
			herald_buf_printf(&out, "%%%02X", (unsigned char)name[i + k]);
		if (!percent)
			herald_buf_append(&out, REPLACEMENT, 3);
		i += bad;
	}
	return herald_buf_take(&out, NULL);   /* (NULL when it failed) */
}

char *core_name_text(const char *name)
{
	return repaired(name, 0);
}

json_t *core_name_json(const char *name)
{
	if (herald_utf8_is_valid(name, strlen(name)))
		return json_string(name);
	char *text = repaired(name, 0), *bytes = repaired(name, 1);
	json_t *v = text && bytes ? json_pack("{s:s, s:s}", "text", text,
	                                      "bytes", bytes) : NULL;
	free(text);
	free(bytes);
	return v;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10
	     : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The bytes that repaired(name, 1) made s of, into out (as long as s,
 * at most); their length, or -1 when s is not of that form. */
static long unpercent(const char *s, char *out)
{
	size_t len = 0;
	for (; *s; s++) {
		int hi, lo;
		if (*s != '%')
			out[len++] = *s;
		else if ((hi = hex_digit(s[1])) >= 0 && (lo = hex_digit(s[2])) >= 0 &&
		         (hi | lo) != 0) {
			out[len++] = (char)(hi << 4 | lo);
			s += 2;
		} else
			return -1;
	}
	return (long)len;
}

json_t *core_name_from_json(json_t *v)
{
	const char *bytes = json_string_value(json_object_get(v, "bytes"));
	char *name = bytes ? malloc(strlen(bytes) + 1) : NULL;
	long len = name ? unpercent(bytes, name) : -1;
	json_t *s = len >= 0 ? json_stringn_nocheck(name, (size_t)len) : NULL;
	free(name);
	return s;
}

void core_page_names_from_json(json_t *pages)
{
	static const char *const keys[] = { "input", "href" };
	for (size_t i = 0; i < json_array_size(pages); i++) {
		json_t *e = json_array_get(pages, i);
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			json_t *s = core_name_from_json(json_object_get(e, keys[k]));
			if (s)
				json_object_set_new(e, keys[k], s);
		}
	}
}
