/* plugins/bulletin/text.c - characters of the decoded text.
 *
 * Raw input is decoded by herald_decode() (libherald, herald/decode.h):
 * after it, every part of the reader may assume valid UTF-8 with '\n'
 * line ends and no control characters but '\n'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"

unsigned long herald_bulletin_cp(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	unsigned long cp;

	if (need > n)   /* cannot happen on decoded text; stay safe anyway */
		need = 1;
	*len = need;
	switch (need) {
	case 1:
		return u[0];
	case 2:
		return ((u[0] & 0x1FUL) << 6) | (u[1] & 0x3F);
	case 3:
		cp = ((u[0] & 0x0FUL) << 12) | ((u[1] & 0x3FUL) << 6);
		return cp | (u[2] & 0x3F);
	default:
		cp = ((u[0] & 0x07UL) << 18) | ((u[1] & 0x3FUL) << 12);
		return cp | ((u[2] & 0x3FUL) << 6) | (u[3] & 0x3F);
	}
}

unsigned long herald_bulletin_cp_before(const char *s, size_t n, size_t *len)
{
	size_t back = 1;

	while (back < n && back < 4 &&
	       ((unsigned char)s[n - back] & 0xC0) == 0x80)
		back++;
	return herald_bulletin_cp(s + n - back, back, len);
}

bool herald_bulletin_is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0xFEFF;
}

bool herald_bulletin_is_dash(unsigned long cp)
{
	return cp == '-' || (cp >= 0x2012 && cp <= 0x2015);
}

bool herald_bulletin_is_closer(unsigned long cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0xBB || cp == 0x2019 || cp == 0x201D || cp == 0x203A;
}

/* A letter or a digit, roughly: ASCII alphanumerics, and every code point
 * from U+00C0 on that is not punctuation or a symbol in the common
 * blocks.  Enough to tell words from dashes and bullets. */
static bool is_wordish(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
		                                    (cp | 0x20) <= 'z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return false;
	if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F))
		return false;
	return cp != 0xFFFD && cp != 0xFEFF;
}

size_t herald_bulletin_cp_count(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

size_t herald_bulletin_skip_space(const char *s, size_t n, unsigned long *cols)
{
	size_t i = 0, len;

	while (i < n && herald_bulletin_is_space(herald_bulletin_cp(s + i, n - i,
	                                                            &len))) {
		i += len;
		if (cols)
			(*cols)++;
	}
	return i;
}

size_t herald_bulletin_trim_end(const char *s, size_t n)
{
	size_t len;

	while (n > 0 && herald_bulletin_is_space(herald_bulletin_cp_before(s, n,
	                                                                   &len)))
		n -= len;
	return n;
}

size_t herald_bulletin_word_count(const char *s, size_t n)
{
	size_t words = 0, i = 0, len;
	bool in_token = false, counted = false;

	while (i < n) {
		unsigned long cp = herald_bulletin_cp(s + i, n - i, &len);

		if (cp == '\n' || herald_bulletin_is_space(cp)) {
			in_token = false;
		} else {
			if (!in_token)
				counted = false;
			in_token = true;
			if (!counted && is_wordish(cp)) {
				words++;
				counted = true;
			}
		}
		i += len;
	}
	return words;
}
