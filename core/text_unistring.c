/* text_unistring.c - the module core/unistring: what core/text.c asks
 * libunistring beyond ASCII (text_unistring.h says why it is a module). */
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <unistring/version.h>

#include "text_unistring.h"

static int mbtouc(uint32_t *cp, const uint8_t *s, size_t n)
{
	ucs4_t uc;
	int len = u8_mbtouc(&uc, s, n);
	*cp = uc;
	return len;
}

static const uint8_t *prev(uint32_t *cp, const uint8_t *s,
                           const uint8_t *start)
{
	ucs4_t uc;
	const uint8_t *at = u8_prev(&uc, s, start);
	*cp = uc;
	return at;
}

static int uctomb(uint8_t *out, uint32_t cp, ptrdiff_t n)
{
	return u8_uctomb(out, cp, n);
}

static bool is_space(uint32_t cp)
{
	return uc_is_general_category(cp, UC_SPACE_SEPARATOR);
}

static bool is_letter(uint32_t cp)
{
	return uc_is_general_category(cp, UC_LETTER);
}

static bool is_digit(uint32_t cp)
{
	return uc_is_general_category(cp, UC_DECIMAL_DIGIT_NUMBER);
}

static bool is_alnum(uint32_t cp)
{
	return uc_is_general_category(cp, UC_LETTER) ||
	       uc_is_general_category(cp, UC_NUMBER);
}

static bool is_mark(uint32_t cp)
{
	return uc_is_general_category(cp, UC_MARK);
}

static bool is_upper(uint32_t cp)
{
	return uc_is_property_uppercase(cp) ||
	       uc_is_general_category(cp, UC_TITLECASE_LETTER);
}

static bool is_lower(uint32_t cp)
{
	return uc_is_property_lowercase(cp);
}

static bool is_punct(uint32_t cp)
{
	return uc_is_general_category(cp, UC_PUNCTUATION);
}

static bool is_sentence_terminal(uint32_t cp)
{
	return uc_is_property_sentence_terminal(cp);
}

static bool is_quote(uint32_t cp)
{
	return uc_is_property_quotation_mark(cp);
}

static bool is_dash(uint32_t cp)
{
	return uc_is_property_dash(cp);
}

static bool is_closer(uint32_t cp)
{
	return uc_is_general_category(cp, UC_CLOSE_PUNCTUATION) ||
	       uc_is_general_category(cp, UC_FINAL_QUOTE_PUNCTUATION);
}

static bool is_opener(uint32_t cp)
{
	return uc_is_general_category(cp, UC_OPEN_PUNCTUATION) ||
	       uc_is_general_category(cp, UC_INITIAL_QUOTE_PUNCTUATION);
}

static const char *script(uint32_t cp)
{
	const uc_script_t *s = uc_script(cp);
	return s ? s->name : NULL;
}

static uint8_t *casefold(const uint8_t *s, size_t n, size_t *len)
{
	return u8_casefold(s, n, NULL, UNINORM_NFC, NULL, len);
}

static int casecmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
                   int *result)
{
	return u8_casecmp(a, an, b, bn, NULL, UNINORM_NFC, result);
}

static uint8_t *nfc(const uint8_t *s, size_t n, size_t *len)
{
	return u8_normalize(UNINORM_NFC, s, n, NULL, len);
}

static int version(void)
{
	return _libunistring_version;
}

const core_unistring_functions core_unistring_module = {
	.check = u8_check, .mbtouc = mbtouc, .prev = prev, .uctomb = uctomb,
	.is_space = is_space, .is_letter = is_letter, .is_digit = is_digit,
	.is_alnum = is_alnum, .is_mark = is_mark, .is_upper = is_upper,
	.is_lower = is_lower, .is_punct = is_punct,
	.is_sentence_terminal = is_sentence_terminal, .is_quote = is_quote,
	.is_dash = is_dash, .is_closer = is_closer, .is_opener = is_opener,
	.script = script, .casefold = casefold, .casecmp = casecmp, .nfc = nfc,
	.version = version,
};
