/* tests/bulletin/test_date.c - the date and time recognisers (date.c),
 * called directly, with the source tree's language packs
 * (HERALD_LANG_PATH, set by the test harness).
 *
 * Tables of lines per shape and per language, negatives, the packs
 * themselves (every month and weekday name they list must be read back
 * as its number), the tables read back from the cache, thread-safe first
 * use, and hostile inputs timed so that a quadratic path fails. */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <herald/lang.h>

#include "bulletin.h"

#define DMY BULLETIN_ORDER_DMY
#define MDY BULLETIN_ORDER_MDY
#define YMD BULLETIN_ORDER_YMD
#define OK BULLETIN_DATE_OK
#define NONE BULLETIN_DATE_NONE
#define IMPOSSIBLE BULLETIN_DATE_IMPOSSIBLE

typedef struct line_case {
	const char *line;
	herald_bulletin_order order;
	herald_bulletin_date_status status;
	const char *iso;
} line_case;

static void check_lines(const line_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char iso[11] = "";
		herald_bulletin_date_status st =
			herald_bulletin_parse_date(cases[i].line,
			                           strlen(cases[i].line),
			                           cases[i].order, iso);

		if (st != cases[i].status ||
		    (st == OK && strcmp(iso, cases[i].iso) != 0))
			fail_msg("parse_date(\"%s\") = %d %s, expected %d %s",
			         cases[i].line, (int)st, st == OK ? iso : "",
			         (int)cases[i].status,
			         cases[i].iso ? cases[i].iso : "");
	}
}

#define CHECK_LINES(t) check_lines(t, sizeof t / sizeof *t)

/* --- whole-line dates, by shape ----------------------------------------- */

static void test_date_numeric_shapes(void **state)
{
	static const line_case cases[] = {
		{ "2021-10-05", DMY, OK, "2021-10-05" },
		{ "2021-10-05", MDY, OK, "2021-10-05" },
		{ "2021/10/05", DMY, OK, "2021-10-05" },
		{ "2021.10.05", MDY, OK, "2021-10-05" },
		{ "  2021-10-05.  ", DMY, OK, "2021-10-05" },
		{ "(20201009)", DMY, OK, "2020-10-09" },
		{ "[20201009]", DMY, OK, "2020-10-09" },
		{ "(2020-10-09)", DMY, OK, "2020-10-09" },
		{ "05.10.2021", DMY, OK, "2021-10-05" },
		{ "05.10.2021", MDY, OK, "2021-05-10" },
		{ "25/10/2020", MDY, OK, "2020-10-25" },
		{ "9/10/20", DMY, OK, "2020-10-09" },
		{ "20-10-09", YMD, OK, "2020-10-09" },
		{ "09-10-75", DMY, OK, "1975-10-09" },
		/* Arabic-Indic, Persian, Devanagari and fullwidth digits */
		{ "\xd9\xa0\xd9\xa5/\xd9\xa1\xd9\xa0/\xd9\xa2\xd9\xa0\xd9\xa2"
		  "\xd9\xa1", DMY, OK, "2021-10-05" },
		{ "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x91-"
		  "\xef\xbc\x91\xef\xbc\x90-\xef\xbc\x90\xef\xbc\x95", DMY, OK,
		  "2021-10-05" },
		/* impossible values in a date's shape */
		{ "31.02.2021", DMY, IMPOSSIBLE, NULL },
		{ "29.02.2021", DMY, IMPOSSIBLE, NULL },
		{ "29.02.2020", DMY, OK, "2020-02-29" },
		{ "2021-13-01", DMY, IMPOSSIBLE, NULL },
		{ "2021-00-10", DMY, IMPOSSIBLE, NULL },
		{ "13.13.2021", DMY, IMPOSSIBLE, NULL },
		{ "(20211399)", DMY, NONE, NULL },
		/* not dates */
		{ "20201009", DMY, NONE, NULL },
		{ "2021", DMY, NONE, NULL },
		{ "2021-10", DMY, NONE, NULL },
		{ "1.2.3", DMY, NONE, NULL },
		{ "555-12-1234", DMY, NONE, NULL },
		{ "+1 202-456-1111", DMY, NONE, NULL },
		{ "2021-10-05-2021-10-05", DMY, NONE, NULL },
		{ "2021-10/05", DMY, NONE, NULL },
		{ "2021 - 10 - 05", DMY, NONE, NULL },
		{ "1399/07/18", DMY, NONE, NULL },          /* Solar Hijri */
		{ "(2021-10-05", DMY, NONE, NULL },
		{ "2021-10-05)", DMY, NONE, NULL },
		{ "", DMY, NONE, NULL },
		{ "   ", DMY, NONE, NULL },
	};

	CHECK_LINES(cases);
}

static void test_date_named_shapes(void **state)
{
	static const line_case cases[] = {
		{ "October 5, 2021", DMY, OK, "2021-10-05" },
		{ "Monday, October 5, 2021", DMY, OK, "2021-10-05" },
		{ "Tuesday, October 5, 2021", DMY, OK, "2021-10-05" },
		{ "(January 23, 2025)", DMY, OK, "2025-01-23" },
		{ "5 October 2020", DMY, OK, "2020-10-05" },
		{ "5 October 2020.", DMY, OK, "2020-10-05" },
		{ "9th Oct. 2020", DMY, OK, "2020-10-09" },
		{ "9 of October, 2020", DMY, OK, "2020-10-09" },
		{ "the 1st of May 2021", DMY, OK, "2021-05-01" },
		{ "October the 5th, 2020", DMY, OK, "2020-10-05" },
		{ "Sept 30 2021", DMY, OK, "2021-09-30" },
		{ "OCTOBER 5, 2021", DMY, OK, "2021-10-05" },
		{ "october 5 2021", DMY, OK, "2021-10-05" },
		{ "Friday, 9 October 2020", DMY, OK, "2020-10-09" },
		{ "9 October 2020, Friday", DMY, OK, "2020-10-09" },
		{ "Fri. 9 Oct. 2020", DMY, OK, "2020-10-09" },
		{ "5\xc2\xa0October\xc2\xa0" "2020", DMY, OK, "2020-10-05" },
		{ "29 February 2021", DMY, IMPOSSIBLE, NULL },
		{ "31 April 2021", DMY, IMPOSSIBLE, NULL },
		{ "32 October 2020", DMY, IMPOSSIBLE, NULL },
		{ "0 October 2020", DMY, IMPOSSIBLE, NULL },
		/* not dates */
		{ "October 2021", DMY, NONE, NULL },
		{ "5 October", DMY, NONE, NULL },
		{ "Monday", DMY, NONE, NULL },
		{ "5 Octobers 2020", DMY, NONE, NULL },
		{ "5 October 20201", DMY, NONE, NULL },
		{ "5 October 1066", DMY, NONE, NULL },
		{ "October 5, 2021 was a Tuesday", DMY, NONE, NULL },
		{ "On October 5, 2021 the talks began.", DMY, NONE, NULL },
		{ "The meeting is on 5 October 2020", DMY, NONE, NULL },
		{ "5 October 2020 5 October 2020", DMY, NONE, NULL },
		{ "May I go?", DMY, NONE, NULL },
		{ "5th October 2020th", DMY, NONE, NULL },
		{ "(January 23, 2025", DMY, NONE, NULL },
		{ "\"October 5, 2021\"", DMY, NONE, NULL },
		{ "23:10", DMY, NONE, NULL },
	};

	CHECK_LINES(cases);
}

/* --- whole-line dates, by language -------------------------------------- */

static void test_date_languages(void **state)
{
	static const line_case cases[] = {
		/* ru */
		{ "5 октября 2020 года", DMY, OK, "2020-10-05" },
		{ "5 октября 2020 г.", DMY, OK, "2020-10-05" },
		{ "3 октября 2002 года", DMY, OK, "2002-10-03" },
		{ "«05» октября 2020 г.", DMY, OK, "2020-10-05" },
		{ "5 ОКТЯБРЯ 2020 ГОДА", DMY, OK, "2020-10-05" },
		{ "Понедельник, 5 октября 2020 года", DMY, OK, "2020-10-05" },
		{ "30 февраля 2020 года", DMY, IMPOSSIBLE, NULL },
		/* uk */
		{ "5 жовтня 2020 року", DMY, OK, "2020-10-05" },
		{ "1 листопада 2020 р.", DMY, OK, "2020-11-01" },
		{ "п’ятниця, 9 жовтня 2020", DMY, OK, "2020-10-09" },
		{ "п'ятниця, 9 жовтня 2020", DMY, OK, "2020-10-09" },
		/* az */
		{ "28 dekabr 2020-ci il", DMY, OK, "2020-12-28" },
		{ "23 mart 2023-cü il", DMY, OK, "2023-03-23" },
		{ "2020-ci il 28 dekabr", DMY, OK, "2020-12-28" },
		{ "17 İyun 2021", DMY, OK, "2021-06-17" },
		/* tr */
		{ "5 Ekim 2020", DMY, OK, "2020-10-05" },
		{ "5 EKİM 2020 Pazartesi", DMY, OK, "2020-10-05" },
		{ "19 MAYIS 2021", DMY, OK, "2021-05-19" },
		{ "3 Kasım 2020 Salı", DMY, OK, "2020-11-03" },
		/* de */
		{ "5. Oktober 2020", DMY, OK, "2020-10-05" },
		{ "Montag, 5. Oktober 2020", DMY, OK, "2020-10-05" },
		{ "Montag, den 5. Oktober 2020", DMY, OK, "2020-10-05" },
		{ "3. MÄRZ 2021", DMY, OK, "2021-03-03" },
		{ "3. Jänner 2021", DMY, OK, "2021-01-03" },
		/* fr */
		{ "5 octobre 2020", DMY, OK, "2020-10-05" },
		{ "1er octobre 2020", DMY, OK, "2020-10-01" },
		{ "lundi 5 octobre 2020", DMY, OK, "2020-10-05" },
		{ "15 août 2021", DMY, OK, "2021-08-15" },
		{ "mar. 6 oct. 2020", DMY, OK, "2020-10-06" },
		/* es */
		{ "5 de octubre de 2020", DMY, OK, "2020-10-05" },
		{ "lunes, 5 de octubre de 2020", DMY, OK, "2020-10-05" },
		{ "1.º de mayo del 2021", DMY, OK, "2021-05-01" },
		/* it */
		{ "5 ottobre 2020", DMY, OK, "2020-10-05" },
		{ "lunedì 5 ottobre 2020", DMY, OK, "2020-10-05" },
		{ "1º maggio 2021", DMY, OK, "2021-05-01" },
		/* pl */
		{ "5 października 2020 r.", DMY, OK, "2020-10-05" },
		{ "12 LISTOPADA 2020", DMY, OK, "2020-11-12" },
		/* nl, da */
		{ "maandag 5 oktober 2020", DMY, OK, "2020-10-05" },
		{ "5 maart 2021", DMY, OK, "2021-03-05" },
		{ "mandag den 5. oktober 2020", DMY, OK, "2020-10-05" },
		{ "5. marts 2021", DMY, OK, "2021-03-05" },
		/* el */
		{ "5 Οκτωβρίου 2020", DMY, OK, "2020-10-05" },
		{ "5 ΟΚΤΩΒΡΙΟΥ 2020", DMY, OK, "2020-10-05" },
		{ "Δευτέρα, 5 Οκτωβρίου 2020", DMY, OK, "2020-10-05" },
		{ "17 Μαΐου 2021", DMY, OK, "2021-05-17" },
		/* bg */
		{ "5 октомври 2020 г.", DMY, OK, "2020-10-05" },
		/* kk */
		{ "2020 жылғы 5 қазан", DMY, OK, "2020-10-05" },
		{ "5 қазан 2020 ж.", DMY, OK, "2020-10-05" },
		/* hy */
		{ "5 հոկտեմբերի 2020 թ.", DMY, OK, "2020-10-05" },
		{ "2020 թվականի հոկտեմբերի 5", DMY, OK, "2020-10-05" },
		/* hi */
		{ "5 अक्टूबर 2020", DMY, OK, "2020-10-05" },
		{ "५ अक्टूबर २०२०", DMY, OK, "2020-10-05" },
		/* ar, fa */
		{ "5 أكتوبر 2020", DMY, OK, "2020-10-05" },
		{ "٥ أكتوبر ٢٠٢٠", DMY, OK, "2020-10-05" },
		{ "5 تشرين الأول 2020", DMY, OK, "2020-10-05" },
		{ "الاثنين، 5 أكتوبر 2020م", DMY, OK, "2020-10-05" },
		{ "۵ اکتبر ۲۰۲۰", DMY, OK, "2020-10-05" },
		/* zh, ja, ko */
		{ "2020年10月9日", DMY, OK, "2020-10-09" },
		{ "2020年10月9日 星期五", DMY, OK, "2020-10-09" },
		{ "２０２０年１０月９日", DMY, OK, "2020-10-09" },
		{ "2020 年 10 月 9 日", DMY, OK, "2020-10-09" },
		{ "2020年10月9日（金）", DMY, OK, "2020-10-09" },
		{ "2020年10月9日金曜日", DMY, OK, "2020-10-09" },
		{ "2020년 10월 9일", DMY, OK, "2020-10-09" },
		{ "2020년 10월 9일 금요일", DMY, OK, "2020-10-09" },
		{ "2020年2月30日", DMY, IMPOSSIBLE, NULL },
		{ "2020年10月", DMY, NONE, NULL },
		{ "10月9日", DMY, NONE, NULL },
		/* pt, cs, sv, nb, fi, hu, ro */
		{ "5 de outubro de 2020", DMY, OK, "2020-10-05" },
		{ "segunda-feira, 5 de outubro de 2020", DMY, OK,
		  "2020-10-05" },
		{ "5. října 2020", DMY, OK, "2020-10-05" },
		{ "måndag den 5 oktober 2020", DMY, OK, "2020-10-05" },
		{ "5. desember 2020", DMY, OK, "2020-12-05" },
		{ "5. lokakuuta 2020", DMY, OK, "2020-10-05" },
		{ "2020. október 5.", DMY, OK, "2020-10-05" },
		{ "2020. október 5., hétfő", DMY, OK, "2020-10-05" },
		{ "5 octombrie 2020", DMY, OK, "2020-10-05" },
		/* a sentence in the language is not a date line */
		{ "В Москве 5 октября 2020 года прошёл парад", DMY, NONE,
		  NULL },
		{ "2020年10月9日召开会议", DMY, NONE, NULL },
		{ "Am 5. Oktober 2020 begann es.", DMY, NONE, NULL },
	};

	CHECK_LINES(cases);
}

/* --- the packs, read back --------------------------------------------- */

/* Each name of a numbered section ("10 october oct") of a pack, put in
 * line_fmt and parsed: it must give want_fmt's date (with the name's
 * number, when want_fmt takes one).  Returns how many names were checked. */
static size_t check_section(const char *tag, const char *section,
                            const char *line_fmt, const char *want_fmt)
{
	const herald_lang *lang = herald_lang_find(tag);
	const char *const *e;
	size_t count, checked = 0;

	assert_non_null(lang);
	e = herald_lang_entries(lang, "dates", section, &count);
	for (size_t i = 0; i < count; i++) {
		char *copy = strdup(e[i]), *save = NULL, *name;
		long number = strtol(copy, &name, 10);

		for (name = strtok_r(name, " ", &save); name;
		     name = strtok_r(NULL, " ", &save)) {
			char line[200], iso[11] = "", want[11];

			for (char *c = name; *c; c++)
				if (*c == '_')
					*c = ' ';
			snprintf(line, sizeof line, line_fmt, name);
			if (strchr(want_fmt, '%'))
				snprintf(want, sizeof want, want_fmt, number);
			else
				snprintf(want, sizeof want, "%s", want_fmt);
			if (herald_bulletin_parse_date(line, strlen(line),
			                               DMY, iso) != OK ||
			    strcmp(iso, want) != 0)
				fail_msg("%s: %s \"%s\" not read as %ld (%s)",
				         tag, section, name, number, iso);
			checked++;
		}
		free(copy);
	}
	return checked;
}

/* Every month and weekday name of every pack is recognised as its number:
 * a spelling given two numbers by two packs, a name the lexer splits
 * differently, or a typo in a number fails here, naming the pack. */
static void test_date_every_pack_name(void **state)
{
	size_t ntags, checked = 0;
	const char *const *tags = herald_lang_available(&ntags);

	assert_true(ntags >= 21);
	for (size_t t = 0; t < ntags; t++) {
		checked += check_section(tags[t], "months", "5 %s 2020",
		                         "2020-%02ld-05");
		/* A weekday before a date is taken and leaves it alone. */
		checked += check_section(tags[t], "weekdays", "%s 2020-10-05",
		                         "2020-10-05");
	}
	assert_true(checked > 500);
}

/* --- dates inside lines ----------------------------------------------- */

typedef struct find_case {
	const char *line;
	const char *span;   /* the date as it is written, NULL: none */
	const char *iso;
} find_case;

static void test_date_find(void **state)
{
	static const find_case cases[] = {
		{ "Москва, Кремль 3 октября 2002 года", "3 октября 2002 года",
		  "2002-10-03" },
		{ "     Москва, Кремль", NULL, NULL },
		{ "WASHINGTON, Oct. 5, 2021 -- The President", "Oct. 5, 2021",
		  "2021-10-05" },
		{ "Issued on Monday, October 5, 2021 in Geneva",
		  "Monday, October 5, 2021", "2021-10-05" },
		{ "# 《新闻联播》 (20201011)", "20201011", "2020-10-11" },
		{ "Published 2021-05-18 by the office", "2021-05-18",
		  "2021-05-18" },
		{ "发布时间：2020年10月9日发布", "2020年10月9日", "2020-10-09" },
		{ "Bakı şəhəri, 28 dekabr 2020-ci il", "28 dekabr 2020-ci il",
		  "2020-12-28" },
		{ "Fait à Paris, le 1er octobre 2020.", "1er octobre 2020",
		  "2020-10-01" },
		{ "Berlin, den 5. Oktober 2020", "den 5. Oktober 2020",
		  "2020-10-05" },
		/* the first date that can be one */
		{ "From 31 February 2021 to 3 March 2021", "3 March 2021",
		  "2021-03-03" },
		/* not dates inside lines */
		{ "Call 555-1234 or 202-456-1111 now", NULL, NULL },
		{ "Version 2021.10.05 is out", NULL, NULL },
		{ "Order x2021-10-05 shipped", NULL, NULL },
		{ "Serial 2021-10-05-7 shipped", NULL, NULL },
		{ "It costs 20201011 dollars", NULL, NULL },
		{ "We met on 05.10.2021 at noon", NULL, NULL },
		{ "In October 2021 prices rose", NULL, NULL },
		{ "A 2021 report", NULL, NULL },
		{ "", NULL, NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *s = cases[i].line;
		size_t start = 0, end = 0;
		char iso[11] = "";
		bool found = herald_bulletin_find_date(s, strlen(s), &start,
		                                       &end, iso);

		if (!cases[i].span) {
			if (found)
				fail_msg("find_date(\"%s\") found \"%.*s\"", s,
				         (int)(end - start), s + start);
			continue;
		}
		if (!found)
			fail_msg("find_date(\"%s\") found nothing", s);
		if (end - start != strlen(cases[i].span) ||
		    memcmp(s + start, cases[i].span, end - start) != 0 ||
		    strcmp(iso, cases[i].iso) != 0)
			fail_msg("find_date(\"%s\") = \"%.*s\" %s", s,
			         (int)(end - start), s + start, iso);
	}
}

/* --- metadata values -------------------------------------------------- */

static void test_date_value(void **state)
{
	static const struct {
		const char *value;
		const char *iso;    /* NULL: not a date */
	} cases[] = {
		{ "2021-05-18", "2021-05-18" },
		{ "'2021-04-02'", "2021-04-02" },
		{ "2021-05-18T14:03:00-04:00", "2021-05-18" },
		{ "2021-05-18T14:03:00Z", "2021-05-18" },
		{ "2021-05-18T14:03:00.123+00:00", "2021-05-18" },
		{ "2021-05-18 14:03", "2021-05-18" },
		{ "2021/05/18 14:03", "2021-05-18" },
		{ "2021.05.18", "2021-05-18" },
		{ "2021-04-02 08:21:20-04:00", "2021-04-02" },
		{ "2020-09-29-16-32-58", "2020-09-29" },
		{ "20201009", "2020-10-09" },
		{ "Tue, 05 Oct 2021 14:03:00 -0400", "2021-10-05" },
		{ "Tue, 05 Oct 2021 14:03:00 GMT", "2021-10-05" },
		{ "October 5, 2021", "2021-10-05" },
		{ "5 октября 2020 года", "2020-10-05" },
		{ "25.10.2021", "2021-10-25" },
		/* day and month could be swapped: no guess */
		{ "05.10.2021", NULL },
		{ "2021-02-30", NULL },
		{ "2021-05-18T25:03", NULL },
		{ "2021-05-18 and more", NULL },
		{ "2021-05-18T", NULL },
		{ "2021", NULL },
		{ "tomorrow", NULL },
		{ "", NULL },
		{ "''", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char iso[11] = "";
		bool ok = herald_bulletin_value_date(cases[i].value,
		                                     strlen(cases[i].value),
		                                     iso);

		if (ok != (cases[i].iso != NULL) ||
		    (ok && strcmp(iso, cases[i].iso) != 0))
			fail_msg("value_date(\"%s\") = %d %s", cases[i].value,
			         ok, iso);
	}
}

/* --- times of day ----------------------------------------------------- */

static void test_time_lines(void **state)
{
	static const struct {
		const char *line;
		const char *out;    /* NULL: not a time line */
	} cases[] = {
		{ "10:51 A.M. EDT", "10:51 A.M. EDT" },
		{ "12:49 P.M. EDT", "12:49 P.M. EDT" },
		{ "  5:15 P.M. EDT   ", "5:15 P.M. EDT" },
		{ "23:10", "23:10" },
		{ "9.30am", "9.30am" },
		{ "11:02 a.m.", "11:02 a.m." },
		{ "11:02 AM", "11:02 AM" },
		{ "11:02 A.M EST", "11:02 A.M EST" },
		{ "9:30 p. m.", "9:30 p. m." },
		{ "9:30 μ.μ.", "9:30 μ.μ." },
		{ "14:03:27 UTC", "14:03:27 UTC" },
		{ "14:03 UTC+3", "14:03 UTC+3" },
		{ "14:03 +04:00", "14:03 +04:00" },
		{ "10:51 мск", "10:51 мск" },
		{ "١٠:٥١", "١٠:٥١" },
		/* not time lines */
		{ "9.30", NULL },
		{ "24:00", NULL },
		{ "23:60", NULL },
		{ "13:10 p.m.", NULL },
		{ "0:10 a.m.", NULL },
		{ "2:1", NULL },
		{ "10:51 A.M. EDT the meeting began", NULL },
		{ "At 10:51 A.M.", NULL },
		{ "555-1234", NULL },
		{ "2021-10-05", NULL },
		{ "10:51 is late", NULL },
		{ "3:16", "3:16" },
		{ "", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[64] = "x";
		bool ok = herald_bulletin_parse_time(cases[i].line,
		                                     strlen(cases[i].line),
		                                     out, sizeof out);

		if (ok != (cases[i].out != NULL) ||
		    (ok && strcmp(out, cases[i].out) != 0))
			fail_msg("parse_time(\"%s\") = %d \"%s\"",
			         cases[i].line, ok, out);
	}
}

static void test_time_truncates_on_a_character(void **state)
{
	const char *line = "10:51 мск";
	char out[9];

	assert_true(herald_bulletin_parse_time(line, strlen(line), out,
	                                       sizeof out));
	/* Room for 8 bytes: "10:51 м" and half of "с", which is dropped
	 * whole. */
	assert_string_equal(out, "10:51 м");
	assert_true(herald_bulletin_parse_time("23:10", 5, NULL, 0));
}

/* --- the tables, cached ------------------------------------------------ */

/* The readings of line, one a line, to out: parse_date in each order,
 * find_date. */
static void print_reading(FILE *out, const char *line)
{
	size_t n = strlen(line), a = 0, b = 0;
	char iso[11] = "";

	fprintf(out, "%s\t", line);
	for (int o = 0; o < 3; o++) {
		memset(iso, 0, sizeof iso);
		fprintf(out, "%d %s ", (int)herald_bulletin_parse_date(line, n,
		        (herald_bulletin_order)o, iso), iso);
	}
	memset(iso, 0, sizeof iso);
	bool found = herald_bulletin_find_date(line, n, &a, &b, iso);
	fprintf(out, "find %d %zu %zu %s\n", found, a, b, iso);
}

/* Each word of a pack's order ("D de M de Y"), a date's part filled in. */
static void print_order(FILE *out, const char *order, const char *month)
{
	char line[300] = "", *save = NULL, *copy = strdup(order);

	for (char *w = strtok_r(copy, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		const char *part = strcmp(w, "D") == 0 ? "5"
		                 : strcmp(w, "M") == 0 ? month
		                 : strcmp(w, "N") == 0 ? "10"
		                 : strcmp(w, "Y") == 0 ? "2020" : w;
		if (strlen(line) + strlen(part) + 2 < sizeof line) {
			strcat(line, *line ? " " : "");
			strcat(line, part);
		}
	}
	free(copy);
	print_reading(out, line);
}

/* Each name of a months or weekdays entry ("10 october oct") in a
 * date; month gets the name of month 10 (for the orders). */
static void print_names(FILE *out, const char *entry, bool weekday,
                        char month[static 100])
{
	char *copy = strdup(entry), *save = NULL, *name, line[300];
	long number = strtol(copy, &name, 10);

	for (name = strtok_r(name, " ", &save); name;
	     name = strtok_r(NULL, " ", &save)) {
		for (char *c = name; *c; c++)
			if (*c == '_')
				*c = ' ';
		if (!weekday && number == 10)
			snprintf(month, 100, "%s", name);
		snprintf(line, sizeof line,
		         weekday ? "%s, 5 October 2020" : "5 %s 2020", name);
		print_reading(out, line);
		snprintf(line, sizeof line, "%s 5, 2020", name);
		print_reading(out, line);
	}
	free(copy);
}

/* What the recognisers make of lines built from every name and order of
 * every pack, and of random glued pieces, to out. */
static void print_readings(FILE *out)
{
	static const char *const pieces[] = {
		"5", "2020", "31", " ", ",", ".", "-", "/", "(", ")", "October",
		"октября", "года", "-ci il", "年", "月", "日", "Monday",
		"a.m.", "EDT", "de", "\xe2\x80\x99",
	};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	size_t ntags = 0, count;
	const char *const *tags = herald_lang_available(&ntags);
	unsigned long seed = 99;

	for (size_t t = 0; t <= ntags; t++) {
		const herald_lang *lang = t ? herald_lang_find(tags[t - 1])
		                            : herald_lang_generic();
		char month[100] = "October";
		const char *const *e;

		if (!lang)
			continue;
		e = herald_lang_entries(lang, "dates", "months", &count);
		for (size_t i = 0; i < count; i++)
			print_names(out, e[i], false, month);
		e = herald_lang_entries(lang, "dates", "weekdays", &count);
		for (size_t i = 0; i < count; i++)
			print_names(out, e[i], true, month);
		e = herald_lang_entries(lang, "dates", "order", &count);
		for (size_t i = 0; i < count; i++)
			print_order(out, e[i], month);
	}
	for (int round = 0; round < 3000; round++) {
		char line[200];
		size_t n = 0;

		for (int k = 1 + round % 9; k > 0; k--) {
			seed = seed * 6364136223846793005ul +
			       1442695040888963407ul;
			const char *piece = pieces[(seed >> 33) % npieces];
			memcpy(line + n, piece, strlen(piece));
			n += strlen(piece);
		}
		line[n] = '\0';
		print_reading(out, line);
	}
}

/* print_readings() in a child process (whose tables are its own: built
 * or read at its first date), with XDG_CACHE_HOME=cache (unset, and HOME
 * too, when NULL: no cache folder), into a malloc'd string. */
static char *readings_in_child(const char *cache)
{
	int fd[2];
	char *text = NULL;
	size_t len = 0;

	fflush(NULL);
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		if (cache)
			setenv("XDG_CACHE_HOME", cache, 1);
		else
			unsetenv("XDG_CACHE_HOME"), unsetenv("HOME");
		FILE *out = fdopen(fd[1], "w");
		print_readings(out);
		_exit(fclose(out) == 0 ? 0 : 1);
	}
	close(fd[1]);
	FILE *in = fdopen(fd[0], "r"), *all = open_memstream(&text, &len);
	int c;
	while ((c = getc(in)) != EOF)
		putc(c, all);
	fclose(in);
	fclose(all);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return text;
}

/* a and b the same readings, else the first line that differs. */
static void assert_same_readings(const char *a, const char *b)
{
	size_t i = 0, line = 0;

	while (a[i] && a[i] == b[i])
		i++;
	if (!a[i] && !b[i])
		return;
	while (i && a[i - 1] != '\n')
		i--;
	for (size_t k = 0; k < i; k++)
		line += a[k] == '\n';
	fail_msg("reading %zu differs: \"%.*s\" against \"%.*s\"", line + 1,
	         (int)strcspn(a + i, "\n"), a + i, (int)strcspn(b + i, "\n"),
	         b + i);
}

/* The one dates cache file below cache, read whole (NULL when none). */
static char *read_dates_cache(const char *cache, char *path, size_t size,
                              size_t *len)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/herald", cache);
	DIR *d = opendir(dir);
	struct dirent *e;
	char *text = NULL;
	while (d && (e = readdir(d)))
		if (strncmp(e->d_name, "dates-", 6) == 0 && !text) {
			snprintf(path, size, "%s/%s", dir, e->d_name);
			FILE *f = fopen(path, "rb");
			assert_non_null(f);
			text = calloc(1, 1 << 20);
			*len = fread(text, 1, (1 << 20) - 1, f);
			fclose(f);
		}
	if (d)
		closedir(d);
	return text;
}

static void write_whole(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Tables read back from the cache read every line as the tables built
 * from the packs do; the cache is believed while current (an edit in it
 * shows), and one cut short or garbled is rebuilt.  Runs before any test
 * of this process builds its own tables: the children must start
 * without. */
static void test_date_tables_cached(void **state)
{
	char cache[] = "/tmp/test_date_cache.XXXXXX", path[8192];
	size_t len = 0;

	(void)state;
	assert_non_null(mkdtemp(cache));
	char *uncached = readings_in_child(NULL);
	char *built = readings_in_child(cache);       /* built, and saved */
	char *text = read_dates_cache(cache, path, sizeof path, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "herald bulletin dates 1\n"));
	char *loaded = readings_in_child(cache);      /* read back */
	assert_true(strlen(built) > 100000);
	assert_same_readings(built, uncached);
	assert_same_readings(loaded, built);

	/* Believed: English "january" edited in the cache alone is read. */
	char *word = strstr(text, " 7 january\n");
	assert_non_null(word);
	memcpy(word + 3, "zanuary", 7);
	write_whole(path, text, len);
	char *edited = readings_in_child(cache);
	assert_string_not_equal(edited, built);
	pid_t pid = fork();
	if (pid == 0) {
		char iso[11] = "";
		setenv("XDG_CACHE_HOME", cache, 1);
		int st = herald_bulletin_parse_date("5 zanuary 2020", 14, DMY,
		                                    iso);
		_exit(st == OK && strcmp(iso, "2020-01-05") == 0 ? 0 : 1);
	}
	int status = 1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Cut short, then garbled: rebuilt, and read as built. */
	write_whole(path, text, len / 2);
	char *rebuilt = readings_in_child(cache);
	assert_same_readings(rebuilt, built);
	free(text);
	text = read_dates_cache(cache, path, sizeof path, &len);
	assert_non_null(strstr(text, "\nend\n"));
	char *count = strstr(text, "\np 0 1 1 7 ");
	assert_non_null(count);
	count[7] = '9';   /* a month of 9 words: more than a name has */
	write_whole(path, text, len);
	char *regarbled = readings_in_child(cache);
	assert_same_readings(regarbled, built);

	unlink(path);
	snprintf(path, sizeof path, "%s/herald", cache);
	rmdir(path);
	rmdir(cache);
	free(uncached);
	free(built);
	free(loaded);
	free(edited);
	free(rebuilt);
	free(regarbled);
	free(text);
}

/* --- threads ---------------------------------------------------------- */

static void *parse_in_thread(void *arg)
{
	char iso[11] = "";

	(void)arg;
	const char *line = "5 октября 2020 года";

	if (herald_bulletin_parse_date(line, strlen(line), DMY, iso) != OK ||
	    strcmp(iso, "2020-10-05") != 0)
		return (void *)1;
	return NULL;
}

/* Runs first: the tables are built on first use, by whichever thread
 * gets there. */
static void test_date_first_use_from_threads(void **state)
{
	pthread_t th[8];

	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&th[i], NULL, parse_in_thread,
		                                NULL), 0);
	for (int i = 0; i < 8; i++) {
		void *rc;

		assert_int_equal(pthread_join(th[i], &rc), 0);
		assert_null(rc);
	}
}

/* --- hostile input ---------------------------------------------------- */

/* Lines made of one unit repeated: near-dates, digits, marks, brackets. */
static const char *const hostile_units[] = {
	"1", "5 ", "2021-10-", "5 October ", ",", "октября ",
	"Monday, ", "(", "年月日", "a", "\xcc\x81", "1er ", "-ci il ",
	"2020年", "\xd9\xa5", "\xf0\x9d\x9f\x8e",
};

/* n bytes of unit repeated. */
static char *repeat(const char *unit, size_t n)
{
	size_t u = strlen(unit);
	char *s = malloc(n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = unit[i % u];
	/* end on a whole unit, so UTF-8 stays valid */
	n -= n % u;
	s[n] = '\0';
	return s;
}

/* Every recogniser on n bytes of unit: none may take it for a date or
 * a time, read outside it or crash.  How the time grows with n is a
 * benchmark (bench/date-bench.c, `make bench`), not a test: timings on a
 * shared machine are noise. */
static void run_all(const char *unit, size_t n)
{
	char *s = repeat(unit, n), iso[11], out[32];
	size_t len = strlen(s), a, b;

	assert_int_equal(herald_bulletin_parse_date(s, len, DMY, iso), NONE);
	if (herald_bulletin_find_date(s, len, &a, &b, iso))
		assert_true(a < b && b <= len);
	assert_false(herald_bulletin_value_date(s, len, iso));
	assert_false(herald_bulletin_parse_time(s, len, out, sizeof out));
	free(s);
}

static void test_date_hostile_inputs(void **state)
{
	for (size_t u = 0; u < sizeof hostile_units / sizeof *hostile_units; u++)
		run_all(hostile_units[u], 1u << 20);
}

static void test_date_hostile_found_once(void **state)
{
	/* A date at the end of a megabyte of near-dates is still found. */
	const char *tail = " 5 October 2020";
	char *s = repeat("5 Octob 20 ", 1u << 20), iso[11];
	size_t len = strlen(s), a, b;

	s = realloc(s, len + strlen(tail) + 1);
	assert_non_null(s);
	memcpy(s + len, tail, strlen(tail) + 1);
	assert_true(herald_bulletin_find_date(s, strlen(s), &a, &b, iso));
	assert_int_equal(a, len + 1);
	assert_string_equal(iso, "2020-10-05");
	free(s);
}

/* A well-formed YYYY-MM-DD. */
static void assert_iso(const char *iso, const char *line)
{
	int y, m, d;
	char tail;

	if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    strlen(iso) != 10 || m < 1 || m > 12 || d < 1 || d > 31)
		fail_msg("\"%s\" gave \"%s\"", line, iso);
}

/* Lines glued from pieces of dates, times and noise, and raw bytes that
 * are not UTF-8 at all: no crash, no read outside the line, and whatever
 * is found is a well-formed date inside the line. */
static void test_date_random_lines(void **state)
{
	static const char *const pieces[] = {
		"5", "05", "2020", "31", "13", "20201009", " ", "  ", ",", ".",
		"-", "/", ":", "(", ")", "«", "»", "October", "Oct", "октября",
		"года", "г.", "-ci il", "年", "月", "日", "년", "st", "er", "de",
		"Monday", "mar", "a.m.", "EDT", "T", "Z", "+04:00", "٥", "２",
		"\xcc\x81", "\xe2\x80\x99", "\xff", "\xc3", "\xe5\xb9",
	};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	unsigned long seed = 12345;

	for (int round = 0; round < 20000; round++) {
		char line[400], iso[11], out[16];
		size_t n = 0, a, b;
		int count;

		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		count = 1 + (int)(seed >> 59);
		for (int k = 0; k < count; k++) {
			const char *p;

			seed = seed * 6364136223846793005ul +
			       1442695040888963407ul;
			p = pieces[(seed >> 33) % npieces];
			if (n + strlen(p) >= sizeof line)
				break;
			memcpy(line + n, p, strlen(p));
			n += strlen(p);
		}
		line[n] = '\0';
		for (int o = 0; o < 3; o++) {
			memset(iso, 0, sizeof iso);
			if (herald_bulletin_parse_date(line, n, (herald_bulletin_order)o,
			                               iso) == OK)
				assert_iso(iso, line);
		}
		memset(iso, 0, sizeof iso);
		if (herald_bulletin_find_date(line, n, &a, &b, iso)) {
			assert_true(a < b && b <= n);
			assert_iso(iso, line);
		}
		memset(iso, 0, sizeof iso);
		if (herald_bulletin_value_date(line, n, iso))
			assert_iso(iso, line);
		if (herald_bulletin_parse_time(line, n, out, sizeof out))
			assert_true(strlen(out) < sizeof out);
	}
}

/* The day a file's name gives: ISO, with '_' or '.', or compact, no
 * digit around it, a day that exists; two different days give none. */
static void test_date_from_file_names(void **state)
{
	static const struct { const char *name, *want; } cases[] = {
		{ "2020-10-09.txt", "2020-10-09" },
		{ "2021-04-02-harbour-reopens.md", "2021-04-02" },
		{ "bulletin_20201009.txt", "2020-10-09" },
		{ "digest.2019.12.31.md", "2019-12-31" },
		{ "news_2020_02_29.txt", "2020-02-29" },
		{ "2020-10-09-and-2020-10-09.txt", "2020-10-09" },
		{ "report-2019.txt", NULL },            /* a year only */
		{ "2019-02-29.txt", NULL },             /* no such day */
		{ "12345678.txt", NULL },               /* 1234-56-78 */
		{ "00001231.txt", NULL },               /* year 0 */
		{ "id202010091.txt", NULL },            /* digits go on */
		{ "2020-10_09.txt", NULL },             /* two separators */
		{ "2020-10-09-2020-10-10.txt", NULL },  /* two days */
		{ "bbc_politics_050.txt", NULL },
		{ "", NULL },
	};
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool ok = herald_bulletin_name_date(cases[i].name, iso);
		if (ok != (cases[i].want != NULL))
			fail_msg("\"%s\": %s", cases[i].name,
			         ok ? iso : "no date");
		if (ok)
			assert_string_equal(iso, cases[i].want);
	}
	assert_false(herald_bulletin_name_date(NULL, iso));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_tables_cached),
		cmocka_unit_test(test_date_first_use_from_threads),
		cmocka_unit_test(test_date_numeric_shapes),
		cmocka_unit_test(test_date_named_shapes),
		cmocka_unit_test(test_date_languages),
		cmocka_unit_test(test_date_every_pack_name),
		cmocka_unit_test(test_date_find),
		cmocka_unit_test(test_date_value),
		cmocka_unit_test(test_time_lines),
		cmocka_unit_test(test_time_truncates_on_a_character),
		cmocka_unit_test(test_date_random_lines),
		cmocka_unit_test(test_date_hostile_inputs),
		cmocka_unit_test(test_date_hostile_found_once),
		cmocka_unit_test(test_date_from_file_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
