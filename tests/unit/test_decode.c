/* tests/unit/test_decode.c - herald_decode(): charsets found and
 * converted, mixed encodings, BOMs, line ends, bad bytes and positions.
 *
 * Every input is written here as bytes: the legacy-charset samples are
 * short news sentences written for this test, encoded beside their UTF-8
 * text, so each case checks both the charset named and every character
 * read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/decode.h>

static const char latin1_in[] =
	"Le conseil municipal a approuv\xE9 mercredi le budget de l'\xE9""cole \xE9l\xE9mentaire.\n"
	"Les \xE9l\xE8ves d\xE9""couvriront d\xE8s la rentr\xE9""e une cantine r\xE9nov\xE9""e et un th\xE9\xE2tre.\n"
	"\xAB C'est une d\xE9""cision tr\xE8s attendue \xBB, a d\xE9""clar\xE9 la maire adjointe.\n";
static const char latin1_text[] =
	"Le conseil municipal a approuvé mercredi le budget de l'école élémentaire.\n"
	"Les élèves découvriront dès la rentrée une cantine rénovée et un théâtre.\n"
	"« C'est une décision très attendue », a déclaré la maire adjointe.\n";
static const char cp1252_in[] =
	"The mayor\x92s office said the new bridge will cost \x80""4.5 million.\n"
	"\x93We are pleased,\x94 said the spokesperson \x97 adding that work begins in spring.\n"
	"The council\x92s vote was unanimous; residents called it \x93long overdue\x94.\n";
static const char cp1252_text[] =
	"The mayor’s office said the new bridge will cost €4.5 million.\n"
	"“We are pleased,” said the spokesperson — adding that work begins in spring.\n"
	"The council’s vote was unanimous; residents called it “long overdue”.\n";
static const char cp1251_in[] =
	"\xC3\xEE\xF0\xEE\xE4\xF1\xEA\xEE\xE9 \xF1\xEE\xE2\xE5\xF2 \xE2 \xF1\xF0\xE5\xE4\xF3 \xF3\xF2\xE2\xE5\xF0\xE4\xE8\xEB \xE1\xFE\xE4\xE6\xE5\xF2 \xED\xE0 \xF1\xEB\xE5\xE4\xF3\xFE\xF9\xE8\xE9 \xE3\xEE\xE4.\n"
	"\xCC\xFD\xF0 \xE7\xE0\xFF\xE2\xE8\xEB, \xF7\xF2\xEE \xED\xEE\xE2\xFB\xE5 \xF8\xEA\xEE\xEB\xFB \xEE\xF2\xEA\xF0\xEE\xFE\xF2\xF1\xFF \xEE\xF1\xE5\xED\xFC\xFE, \xE0 \xF0\xE5\xEC\xEE\xED\xF2 \xE4\xEE\xF0\xEE\xE3 \xED\xE0\xF7\xED\xB8\xF2\xF1\xFF \xE2\xE5\xF1\xED\xEE\xE9.\n"
	"\xC6\xE8\xF2\xE5\xEB\xE8 \xE4\xE0\xE2\xED\xEE \xE6\xE4\xE0\xEB\xE8 \xFD\xF2\xEE\xE3\xEE \xF0\xE5\xF8\xE5\xED\xE8\xFF.\n";
static const char cp1251_text[] =
	"Городской совет в среду утвердил бюджет на следующий год.\n"
	"Мэр заявил, что новые школы откроются осенью, а ремонт дорог начнётся весной.\n"
	"Жители давно ждали этого решения.\n";
static const char koi8r_in[] =
	"\xE7\xCF\xD2\xCF\xC4\xD3\xCB\xCF\xCA \xD3\xCF\xD7\xC5\xD4 \xD7 \xD3\xD2\xC5\xC4\xD5 \xD5\xD4\xD7\xC5\xD2\xC4\xC9\xCC \xC2\xC0\xC4\xD6\xC5\xD4 \xCE\xC1 \xD3\xCC\xC5\xC4\xD5\xC0\xDD\xC9\xCA \xC7\xCF\xC4.\n"
	"\xED\xDC\xD2 \xDA\xC1\xD1\xD7\xC9\xCC, \xDE\xD4\xCF \xCE\xCF\xD7\xD9\xC5 \xDB\xCB\xCF\xCC\xD9 \xCF\xD4\xCB\xD2\xCF\xC0\xD4\xD3\xD1 \xCF\xD3\xC5\xCE\xD8\xC0, \xC1 \xD2\xC5\xCD\xCF\xCE\xD4 \xC4\xCF\xD2\xCF\xC7 \xCE\xC1\xDE\xCE\xA3\xD4\xD3\xD1 \xD7\xC5\xD3\xCE\xCF\xCA.\n"
	"\xF6\xC9\xD4\xC5\xCC\xC9 \xC4\xC1\xD7\xCE\xCF \xD6\xC4\xC1\xCC\xC9 \xDC\xD4\xCF\xC7\xCF \xD2\xC5\xDB\xC5\xCE\xC9\xD1.\n";
static const char koi8r_text[] =
	"Городской совет в среду утвердил бюджет на следующий год.\n"
	"Мэр заявил, что новые школы откроются осенью, а ремонт дорог начнётся весной.\n"
	"Жители давно ждали этого решения.\n";
static const char gb_in[] =
	"\xCA\xD0\xD5\xFE\xB8\xAE\xD0\xC7\xC6\xDA\xC8\xFD\xD0\xFB\xB2\xBC\xA3\xAC\xD0\xC2\xB5\xC4\xB5\xD8\xCC\xFA\xCF\xDF\xC2\xB7\xBD\xAB\xD3\xDA\xC3\xF7\xC4\xEA\xB4\xBA\xCC\xEC\xBF\xAA\xCD\xA8\xA1\xA3\n"
	"\xCA\xD0\xB3\xA4\xB1\xED\xCA\xBE\xA3\xAC\xD5\xE2\xCF\xEE\xB9\xA4\xB3\xCC\xBD\xAB\xB8\xC4\xC9\xC6\xCA\xFD\xB0\xD9\xCD\xF2\xBE\xD3\xC3\xF1\xB5\xC4\xB3\xF6\xD0\xD0\xA3\xAC\xB2\xA2\xBC\xF5\xC9\xD9\xBD\xBB\xCD\xA8\xD3\xB5\xB6\xC2\xA1\xA3\n";
static const char gb_text[] =
	"市政府星期三宣布，新的地铁线路将于明年春天开通。\n"
	"市长表示，这项工程将改善数百万居民的出行，并减少交通拥堵。\n";
static const char sjis_in[] =
	"\x8Es\x8B""c\x89\xEF\x82\xCD\x90\x85\x97j\x93\xFA\x81""A\x97\x88\x94N\x93x\x82\xCC\x97\x5C\x8EZ\x82\xF0\x8F\xB3\x94""F\x82\xB5\x82\xDC\x82\xB5\x82\xBD\x81""B\n"
	"\x8Es\x92\xB7\x82\xCD\x90V\x82\xB5\x82\xA2\x8Aw\x8DZ\x82\xAA\x8FH\x82\xC9\x8AJ\x8DZ\x82\xB7\x82\xE9\x82\xC6\x8Fq\x82\xD7\x82\xDC\x82\xB5\x82\xBD\x81""B\n"
	"\x8FZ\x96\xAF\x82\xCD\x82\xB1\x82\xCC\x8C\x88\x92\xE8\x82\xF0\x92\xB7\x82\xA2\x8A\xD4\x91\xD2\x82\xC1\x82\xC4\x82\xA2\x82\xDC\x82\xB5\x82\xBD\x81""B\n";
static const char sjis_text[] =
	"市議会は水曜日、来年度の予算を承認しました。\n"
	"市長は新しい学校が秋に開校すると述べました。\n"
	"住民はこの決定を長い間待っていました。\n";

typedef struct run {
	int rc;
	char *out;
	size_t len;
	const char *charset;
	herald_diag *diag;
} run;

static run decode_opts(const void *data, size_t size, const char *encoding,
                       bool repair)
{
	herald_decode_options opts = { encoding, repair };
	run r = { 0 };

	r.diag = herald_diag_new(NULL);
	assert_non_null(r.diag);
	herald_diag_set_file(r.diag, "f.txt");
	r.rc = herald_decode(data, size, &opts, &r.out, &r.len, &r.charset,
	                     r.diag);
	if (r.rc == HERALD_OK) {
		/* The promise to every reader: NUL-terminated, no NUL. */
		assert_non_null(r.out);
		assert_int_equal(strlen(r.out), r.len);
	}
	return r;
}

static run decode(const void *data, size_t size)
{
	return decode_opts(data, size, NULL, false);
}

static void run_free(run *r)
{
	free(r->out);
	herald_diag_free(r->diag);
}

static void assert_diag_has(const run *r, const char *want)
{
	if (!strstr(herald_diag_text(r->diag), want))
		fail_msg("diagnostics lack \"%s\":\n%s", want,
		         herald_diag_text(r->diag));
}

/* A legacy-charset sample: read as one of the names allowed (uchardet
 * may call a Latin-1 text windows-1252, a superset), every character
 * right, one warning naming the charset, and no other message. */
static void check_legacy(const char *in, const char *text, const char *name1,
                         const char *name2)
{
	run r = decode(in, strlen(in));
	char want[96];

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, text);
	if (strcmp(r.charset, name1) != 0 &&
	    (!name2 || strcmp(r.charset, name2) != 0))
		fail_msg("read as %s, wanted %s", r.charset, name1);
	snprintf(want, sizeof want,
	         "herald: f.txt: warning: not UTF-8; read as %s", r.charset);
	assert_diag_has(&r, want);
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 1);
	assert_int_equal(herald_diag_count(r.diag, HERALD_ERROR), 0);
	run_free(&r);
}

static void test_decode_latin1(void **state)
{
	check_legacy(latin1_in, latin1_text, "ISO-8859-1", "WINDOWS-1252");
}

static void test_decode_windows1252(void **state)
{
	check_legacy(cp1252_in, cp1252_text, "WINDOWS-1252", NULL);
}

static void test_decode_windows1251(void **state)
{
	check_legacy(cp1251_in, cp1251_text, "WINDOWS-1251", NULL);
}

static void test_decode_koi8r(void **state)
{
	check_legacy(koi8r_in, koi8r_text, "KOI8-R", NULL);
}

static void test_decode_gb18030(void **state)
{
	check_legacy(gb_in, gb_text, "GB18030", NULL);
}

static void test_decode_shift_jis(void **state)
{
	check_legacy(sjis_in, sjis_text, "SHIFT_JIS", NULL);
}

static void test_decode_utf8_as_is(void **state)
{
	run r = decode(cp1252_text, strlen(cp1252_text));

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, cp1252_text);
	assert_string_equal(r.charset, "UTF-8");
	assert_string_equal(herald_diag_text(r.diag), "");
	run_free(&r);
}

static void test_decode_utf8_bom(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" "Caf\xC3\xA9\n";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "Café\n");
	assert_string_equal(r.charset, "UTF-8");
	assert_string_equal(herald_diag_text(r.diag), "");
	run_free(&r);
}

static void test_decode_empty(void **state)
{
	run r = decode("", 0);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "");
	assert_int_equal(r.len, 0);
	assert_string_equal(herald_diag_text(r.diag), "");
	run_free(&r);
	r = decode("\xEF\xBB\xBF", 3);    /* a BOM alone */
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "");
	run_free(&r);
}

/* "Été €\r\n" followed by a bad-position probe: a control character on
 * line 2, column 3, whose warning must carry the converted position. */
static void check_wide(const char *in, size_t size, const char *name)
{
	run r = decode(in, size);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.charset, name);
	assert_string_equal(r.out, "Été €\nab\xEF\xBF\xBD.\n");
	assert_diag_has(&r, "f.txt:2:3: warning: control character U+0007");
	run_free(&r);
}

static void test_decode_utf16_utf32_bom(void **state)
{
	static const char le16[] = "\xFF\xFE" "\xC9\0t\0\xE9\0 \0\xAC\x20\r\0\n\0"
	                           "a\0b\0\x07\0.\0\n\0";
	static const char be16[] = "\xFE\xFF" "\0\xC9\0t\0\xE9\0 \x20\xAC\0\r\0\n"
	                           "\0a\0b\0\x07\0.\0\n";
	static const char le32[] = "\xFF\xFE\0\0" "\xC9\0\0\0t\0\0\0\xE9\0\0\0"
	                           " \0\0\0\xAC\x20\0\0\r\0\0\0\n\0\0\0"
	                           "a\0\0\0b\0\0\0\x07\0\0\0.\0\0\0\n\0\0\0";
	static const char be32[] = "\0\0\xFE\xFF" "\0\0\0\xC9\0\0\0t\0\0\0\xE9"
	                           "\0\0\0 \0\0\x20\xAC\0\0\0\r\0\0\0\n"
	                           "\0\0\0a\0\0\0b\0\0\0\x07\0\0\0.\0\0\0\n";

	check_wide(le16, sizeof le16 - 1, "UTF-16LE");
	check_wide(be16, sizeof be16 - 1, "UTF-16BE");
	check_wide(le32, sizeof le32 - 1, "UTF-32LE");
	check_wide(be32, sizeof be32 - 1, "UTF-32BE");
}

static void test_decode_utf16_truncated(void **state)
{
	static const char odd[] = "\xFF\xFE" "a\0b\0c";
	run r = decode(odd, sizeof odd - 1);

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:1:3: error: truncated UTF-16LE");
	run_free(&r);
	r = decode_opts(odd, sizeof odd - 1, NULL, true);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "ab\xEF\xBF\xBD");
	run_free(&r);
}

/* A lone surrogate in UTF-16 is one bad unit: what follows stays in step. */
static void test_decode_utf16_lone_surrogate(void **state)
{
	static const char le[] = "\xFF\xFE" "a\0\x00\xD8" "b\0c\0";
	run r = decode(le, sizeof le - 1);

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:1:2: error: invalid UTF-16LE (bytes 0x00 "
	                    "0xD8)");
	run_free(&r);
	r = decode_opts(le, sizeof le - 1, NULL, true);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "a\xEF\xBF\xBD" "bc");
	run_free(&r);
}

/* A UTF-8 file with a few windows-1252 bytes pasted in: the UTF-8 stays
 * UTF-8, the strays are read as windows-1252, one warning at the first. */
static void test_decode_mixed_encodings(void **state)
{
	static const char in[] =
		"Zürich, 5 October\n"
		"The café’s owner — Müller — said:\n"
		"\x93It\x92s a good day\x94, na\xEFve or not.\n";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out,
		"Zürich, 5 October\n"
		"The café’s owner — Müller — said:\n"
		"“It’s a good day”, naïve or not.\n");
	assert_string_equal(r.charset, "UTF-8");
	assert_diag_has(&r, "f.txt:3:1: warning: not UTF-8 from here: 4 stray "
	                    "bytes of a file otherwise UTF-8 read as "
	                    "WINDOWS-1252");
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 1);
	run_free(&r);
}

/* The address of the byte after the n-th '\n' of s. */
static const char *after_lines(const char *s, int n)
{
	while (n-- > 0)
		s = strchr(s, '\n') + 1;
	return s;
}

/* Strays of a single-byte charset uchardet recognises: a UTF-8 Russian
 * text whose last line was pasted in windows-1251. */
static void test_decode_mixed_cyrillic(void **state)
{
	size_t head = (size_t)(after_lines(cp1251_text, 2) - cp1251_text);
	const char *tail = after_lines(cp1251_in, 2);
	size_t n = head + strlen(tail);
	char *in = malloc(n);

	assert_non_null(in);
	memcpy(in, cp1251_text, head);
	memcpy(in + head, tail, strlen(tail));
	run r = decode(in, n);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, cp1251_text);
	assert_diag_has(&r, "f.txt:3:1: warning: not UTF-8 from here: 28 stray "
	                    "bytes of a file otherwise UTF-8 read as "
	                    "WINDOWS-1251");
	run_free(&r);
	free(in);
}

/* In a UTF-8 file, a lead byte with some of its continuation bytes is a
 * cut UTF-8 sequence, not a stray: an error, or U+FFFD with repair. */
static void test_decode_truncated_utf8(void **state)
{
	static const char in[] = "Café\nab\xE2\x82 c\n";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:2:3: error: invalid UTF-8 (bytes 0xE2 0x82)");
	assert_int_equal(herald_diag_count(r.diag, HERALD_ERROR), 1);
	run_free(&r);
	r = decode_opts(in, sizeof in - 1, NULL, true);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "Café\nab\xEF\xBF\xBD c\n");
	assert_diag_has(&r, "f.txt:2:3: warning: invalid UTF-8 (bytes 0xE2 "
	                    "0x82) replaced with U+FFFD");
	run_free(&r);
}

/* A BOM at the start of a later line (files joined) is dropped with a
 * warning; inside a line U+FEFF is a character (ZWNBSP) and stays. */
static void test_decode_bom_in_the_middle(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" "One\n\xEF\xBB\xBF" "Two\n"
	                         "x\xEF\xBB\xBFy\n\xEF\xBB\xBF";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "One\nTwo\nx\xEF\xBB\xBFy\n");
	assert_diag_has(&r, "f.txt:2:1: warning: byte order mark (U+FEFF) at "
	                    "the start of a line dropped");
	assert_diag_has(&r, "f.txt:4:1: warning: byte order mark");
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 2);
	run_free(&r);
	/* In UTF-16 the same. */
	static const char le16[] = "\xFF\xFE" "a\0\n\0\xFF\xFE" "b\0";
	r = decode(le16, sizeof le16 - 1);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "a\nb");
	assert_diag_has(&r, "f.txt:2:1: warning: byte order mark");
	run_free(&r);
}

static void test_decode_line_ends(void **state)
{
	static const char cr[] = "one\rtwo\r\rthree\x07";
	static const char crlf[] = "one\r\ntwo\r\n\r\nthree\x07";
	static const char other[] = "one\xC2\x85two\xE2\x80\xA8\xE2\x80\xA9"
	                            "three\x07";
	const char *ins[] = { cr, crlf, other };
	size_t sizes[] = { sizeof cr - 1, sizeof crlf - 1, sizeof other - 1 };

	for (int i = 0; i < 3; i++) {
		run r = decode(ins[i], sizes[i]);
		assert_int_equal(r.rc, HERALD_OK);
		assert_string_equal(r.out, "one\ntwo\n\nthree\xEF\xBF\xBD");
		/* Positions count the lines as the user sees them. */
		assert_diag_has(&r, "f.txt:4:6: warning: control character");
		run_free(&r);
	}
}

static void test_decode_tabs_and_controls(void **state)
{
	static const char in[] = "a\tb\fc\vd\x1B" "e\xC2\x9A" "f\x7Fg\n";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "a b c d\xEF\xBF\xBD" "e\xEF\xBF\xBD"
	                           "f\xEF\xBF\xBDg\n");
	assert_diag_has(&r, "f.txt:1:8: warning: control character U+001B");
	assert_diag_has(&r, "f.txt:1:10: warning: control character U+009A");
	assert_diag_has(&r, "f.txt:1:12: warning: control character U+007F");
	run_free(&r);
}

static void test_decode_nul_bytes(void **state)
{
	static const char in[] = "Title\n\nÄ\0B.\n";
	run r = decode(in, sizeof in - 1);

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:3:2: error: NUL byte (byte 0x00); the "
	                    "'repair' option replaces it with U+FFFD");
	assert_null(r.out);
	run_free(&r);
	r = decode_opts(in, sizeof in - 1, NULL, true);
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(r.len, strlen("Title\n\nÄ\xEF\xBF\xBD" "B.\n"));
	assert_string_equal(r.out, "Title\n\nÄ\xEF\xBF\xBD" "B.\n");
	assert_diag_has(&r, "f.txt:3:2: warning: NUL byte");
	run_free(&r);
}

/* Bytes that cannot be UTF-8 in a file forced to be UTF-8: the damage is
 * located, or repaired. */
static void test_decode_invalid_utf8(void **state)
{
	static const char overlong[] = "\xC0\xAF";
	static const char surrogate[] = "ab\xED\xA0\x80";
	run r = decode_opts(overlong, 2, "UTF-8", false);

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:1:1: error: invalid UTF-8");
	run_free(&r);
	r = decode_opts(surrogate, sizeof surrogate - 1, "UTF-8", false);
	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:1:3: error: invalid UTF-8 (byte 0xED)");
	run_free(&r);
	r = decode_opts(surrogate, sizeof surrogate - 1, "utf-8", true);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "ab\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 3);
	assert_diag_has(&r, "f.txt:1:5: warning: invalid UTF-8 (byte 0x80)");
	run_free(&r);
}

/* encoding=NAME reads the whole file in NAME, whatever it looks like. */
static void test_decode_forced_encoding(void **state)
{
	static const char in[] = "Caf\xC3\xA9\n";   /* UTF-8, read as Latin-1 */
	run r = decode_opts(in, sizeof in - 1, "latin1", false);

	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, "CafÃ©\n");
	assert_string_equal(r.charset, "latin1");
	assert_string_equal(herald_diag_text(r.diag), "");
	run_free(&r);
	/* A byte the forced charset does not define is located. */
	r = decode_opts("ab\ncd\x81", 6, "WINDOWS-1252", false);
	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_diag_has(&r, "f.txt:2:3: error: invalid WINDOWS-1252 (byte "
	                    "0x81)");
	run_free(&r);
	r = decode_opts(koi8r_in, strlen(koi8r_in), "KOI8-R", false);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, koi8r_text);
	run_free(&r);
	r = decode_opts(latin1_text, strlen(latin1_text), "auto", false);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.out, latin1_text);
	assert_string_equal(r.charset, "UTF-8");
	run_free(&r);
}

static void test_decode_unknown_encoding(void **state)
{
	run r = decode_opts("abc", 3, "no-such-charset", false);

	assert_int_equal(r.rc, HERALD_EUSAGE);
	assert_diag_has(&r, "herald: f.txt: error: unknown encoding "
	                    "'no-such-charset'");
	run_free(&r);
	/* Checked before any byte is read: readers check it in open(). */
	r = decode_opts(NULL, 0, "no-such-charset", false);
	assert_int_equal(r.rc, HERALD_EUSAGE);
	run_free(&r);
}

/* Columns count characters of the converted text: a windows-1251 line
 * with a control character reports it where the user sees it. */
static void test_decode_positions_after_conversion(void **state)
{
	size_t n = strlen(cp1251_in);
	char *in = malloc(n + 3);

	assert_non_null(in);
	memcpy(in, cp1251_in, n);
	memcpy(in + n, "\xCC\x01", 3);   /* "М" then U+0001, line 4 */
	run r = decode(in, n + 2);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.charset, "WINDOWS-1251");
	assert_diag_has(&r, "f.txt:4:2: warning: control character U+0001");
	run_free(&r);
	free(in);
}

/* Linear and bounded: 8 MB of windows-1252 news text (the same sample
 * over and over) decodes in well under the time a quadratic path would
 * take, and the result is exactly what a UTF-8 copy would give. */
static void test_decode_large_input(void **state)
{
	size_t one = strlen(cp1252_in), times = 8 * 1024 * 1024 / one;
	char *in = malloc(one * times);

	assert_non_null(in);
	for (size_t i = 0; i < times; i++)
		memcpy(in + i * one, cp1252_in, one);
	run r = decode(in, one * times);
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(r.len, strlen(cp1252_text) * times);
	assert_memory_equal(r.out + r.len - strlen(cp1252_text), cp1252_text,
	                    strlen(cp1252_text));
	run_free(&r);
	free(in);
}

/* herald_decode_is_text says yes exactly when decoding gives the same
 * bytes back and says nothing: a table of what must be decoded, then
 * random byte strings, each checked against herald_decode itself. */
static void test_decode_is_text_when_nothing_changes(void **state)
{
	static const struct {
		const char *in;
		bool text;
	} cases[] = {
		{ "", true }, { "plain\nlines\n", true },
		{ "Caf\xC3\xA9 \xE2\x82\xAC \xE4\xB8\xAD\n", true },
		{ "a\xEF\xBB\xBF" "b", true },     /* inside a line: a character */
		{ "\xEF\xBB\xBF" "a", false },     /* the BOM is dropped */
		{ "a\n\xEF\xBB\xBF" "b", false }, /* at a line's start too */
		{ "a\r\nb", false }, { "a\rb", false }, { "a\tb", false },
		{ "a\fb", false }, { "a\x01" "b", false }, { "a\x7F" "b", false },
		{ "a\xC2\x85" "b", false }, { "a\xE2\x80\xA8" "b", false },
		{ "a\xC2\x91" "b", false }, { "caf\xE9", false },
		{ "\xE2\x82 x", false }, { "\xFF\xFE" "a\0", false },
		{ "a\xEF\xBF\xBD" "b", true }, { "a\xED\xA0\x80" "b", false },
		{ "a\xC0\xAF" "b", false }, { "a\xF4\x90\x80\x80" "b", false },
		{ "a\xF0\x9F\x98\x80" "b", true }, { "a\xF0\x9F\x98", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(herald_decode_is_text(
		        (const unsigned char *)cases[i].in, strlen(cases[i].in),
		        NULL), cases[i].text);
	assert_false(herald_decode_is_text((const unsigned char *)"a\0b", 3,
	                                   NULL));
	herald_decode_options latin1 = { "latin1", false }, utf8 = { "UTF-8", false };
	assert_false(herald_decode_is_text((const unsigned char *)"abc", 3,
	                                   &latin1));
	assert_true(herald_decode_is_text((const unsigned char *)"abc", 3, &utf8));

	static const char pieces[][5] = { "a", " ", "\n", "\r", "\t", "\xC3\xA9",
	                                  "\xE2\x80\xA8", "\xEF\xBB\xBF", "\x01",
	                                  "\xE9", "\xC2\x85", "\xE4\xB8\xAD",
	                                  "\xEF\xBF\xBD", "\xE2\x82", "\xED\xA0\x80",
	                                  "\xF0\x9F\x98\x80", "\xF0\x9F\x98", "\xC0\xAF" };
	unsigned seed = 14;
	for (int round = 0; round < 4000; round++) {
		char in[80];
		size_t n = 0;
		for (int k = (int)(seed % 12); k >= 0; k--) {
			seed = seed * 1103515245u + 12345u;
			/* mostly letters and line ends, so that some are text */
			size_t p = (seed >> 16) % 54;
			const char *piece = pieces[p < 18 ? p : p % 3];
			memcpy(in + n, piece, strlen(piece));
			n += strlen(piece);
		}
		run r = decode(in, n);
		bool same = r.rc == HERALD_OK && r.len == n &&
		            memcmp(r.out, in, n) == 0 &&
		            !*herald_diag_text(r.diag);
		assert_int_equal(herald_decode_is_text((const unsigned char *)in,
		                                       n, NULL), same);
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_latin1),
		cmocka_unit_test(test_decode_windows1252),
		cmocka_unit_test(test_decode_windows1251),
		cmocka_unit_test(test_decode_koi8r),
		cmocka_unit_test(test_decode_gb18030),
		cmocka_unit_test(test_decode_shift_jis),
		cmocka_unit_test(test_decode_utf8_as_is),
		cmocka_unit_test(test_decode_utf8_bom),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_decode_utf16_utf32_bom),
		cmocka_unit_test(test_decode_utf16_truncated),
		cmocka_unit_test(test_decode_utf16_lone_surrogate),
		cmocka_unit_test(test_decode_mixed_encodings),
		cmocka_unit_test(test_decode_mixed_cyrillic),
		cmocka_unit_test(test_decode_truncated_utf8),
		cmocka_unit_test(test_decode_bom_in_the_middle),
		cmocka_unit_test(test_decode_line_ends),
		cmocka_unit_test(test_decode_tabs_and_controls),
		cmocka_unit_test(test_decode_nul_bytes),
		cmocka_unit_test(test_decode_invalid_utf8),
		cmocka_unit_test(test_decode_forced_encoding),
		cmocka_unit_test(test_decode_unknown_encoding),
		cmocka_unit_test(test_decode_positions_after_conversion),
		cmocka_unit_test(test_decode_large_input),
		cmocka_unit_test(test_decode_is_text_when_nothing_changes),
	};

	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
