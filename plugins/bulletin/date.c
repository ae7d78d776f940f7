/* plugins/bulletin/date.c - the date line recogniser.
 *
 * Accepted shapes, the whole line being the date (an optional weekday
 * first, "Friday, 9 October 2020", and one final '.' are allowed):
 *   9 October 2020, 9th October 2020, 9 Oct. 2020, 9 October, 2020
 *   October 9, 2020, Oct 9th 2020
 *   2020-10-09, 2020/10/09, 2020.10.09         (four-digit year first)
 *   09.10.2020, 9/10/2020, 09-10-20            (order from date-order)
 * English month names, full or abbreviated.  A line of that shape whose
 * day or month cannot exist is IMPOSSIBLE, not NONE.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bulletin.h"

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const weekdays[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* A cursor over the line. */
typedef struct scan {
	const char *s;
	size_t n, i;
} scan;

static void skip_blanks(scan *sc)
{
	sc->i += herald_bulletin_skip_space(sc->s + sc->i, sc->n - sc->i, NULL);
}

static bool at_end(const scan *sc)
{
	return sc->i >= sc->n;
}

static bool is_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An ASCII word; returns its length (0 when none). */
static size_t word_at(const scan *sc)
{
	size_t k = sc->i;

	while (k < sc->n && is_alpha(sc->s[k]))
		k++;
	return k - sc->i;
}

/* Whether the word of length len is name, or its prefix of three letters
 * or more ("Oct", "Sept", "Wed"). */
static bool name_matches(const char *word, size_t len, const char *name)
{
	return len >= 3 && len <= strlen(name) &&
	       strncasecmp(word, name, len) == 0;
}

/* A month name (optionally abbreviated and followed by '.'): 1..12, or 0. */
static int month_at(scan *sc)
{
	size_t len = word_at(sc);

	for (int m = 0; m < 12; m++) {
		if (name_matches(sc->s + sc->i, len, months[m]) &&
		    (len == strlen(months[m]) || len <= 4)) {
			sc->i += len;
			if (!at_end(sc) && sc->s[sc->i] == '.')
				sc->i++;
			return m + 1;
		}
	}
	return 0;
}

/* A run of 1..max digits: its value, or -1 (the cursor does not move). */
static long number_at(scan *sc, size_t max, size_t *digits)
{
	size_t k = sc->i;
	long v = 0;

	while (k < sc->n && is_digit(sc->s[k]) && k - sc->i < max + 1)
		v = v * 10 + (sc->s[k++] - '0');
	if (k == sc->i || k - sc->i > max ||
	    (k < sc->n && is_digit(sc->s[k])))
		return -1;
	if (digits)
		*digits = k - sc->i;
	sc->i = k;
	return v;
}

/* A day number with an optional English ordinal suffix. */
static long day_at(scan *sc)
{
	long d = number_at(sc, 2, NULL);
	size_t len;

	if (d < 0)
		return -1;
	len = word_at(sc);
	if (len == 2 && (strncasecmp(sc->s + sc->i, "st", 2) == 0 ||
	                 strncasecmp(sc->s + sc->i, "nd", 2) == 0 ||
	                 strncasecmp(sc->s + sc->i, "rd", 2) == 0 ||
	                 strncasecmp(sc->s + sc->i, "th", 2) == 0))
		sc->i += 2;
	else if (len)
		return -1;
	return d;
}

static bool take_char(scan *sc, char c)
{
	if (!at_end(sc) && sc->s[sc->i] == c) {
		sc->i++;
		return true;
	}
	return false;
}

static void skip_weekday(scan *sc)
{
	size_t len = word_at(sc);

	for (int w = 0; w < 7; w++) {
		if (name_matches(sc->s + sc->i, len, weekdays[w])) {
			sc->i += len;
			take_char(sc, '.');
			take_char(sc, ',');
			skip_blanks(sc);
			return;
		}
	}
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(long y, long m, long d)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	                               30, 31 };

	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	if (m == 2 && d == 29)
		return leap(y);
	return d <= days[m - 1];
}

static herald_bulletin_date_status finish(long y, long m, long d,
                                          char iso[11])
{
	char buf[64];   /* valid() bounds the fields; the compiler cannot know */

	if (!valid(y, m, d))
		return BULLETIN_DATE_IMPOSSIBLE;
	snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
	memcpy(iso, buf, 11);
	return BULLETIN_DATE_OK;
}

/* The rest of the line after a complete date: nothing, or one '.'. */
static bool only_end_left(scan *sc)
{
	skip_blanks(sc);
	take_char(sc, '.');
	return at_end(sc);
}

/* After the day and month: ",", the year, and the end of the line. */
static herald_bulletin_date_status year_to_end(scan *sc, long m, long d,
                                               char iso[11])
{
	long y;

	take_char(sc, ',');
	skip_blanks(sc);
	if ((y = number_at(sc, 4, NULL)) < 0 || !only_end_left(sc))
		return BULLETIN_DATE_NONE;
	return finish(y, m, d, iso);
}

/* "9 October 2020", "9th of Oct. 2020". */
static herald_bulletin_date_status day_month_year(scan sc, char iso[11])
{
	long d = day_at(&sc);
	int m;

	if (d < 0)
		return BULLETIN_DATE_NONE;
	take_char(&sc, '.');
	skip_blanks(&sc);
	if (word_at(&sc) == 2 && strncasecmp(sc.s + sc.i, "of", 2) == 0) {
		sc.i += 2;
		skip_blanks(&sc);
	}
	if (!(m = month_at(&sc)))
		return BULLETIN_DATE_NONE;
	return year_to_end(&sc, m, d, iso);
}

/* "October 9, 2020", "Oct 9th 2020". */
static herald_bulletin_date_status month_day_year(scan sc, char iso[11])
{
	long d;
	int m = month_at(&sc);

	if (!m)
		return BULLETIN_DATE_NONE;
	skip_blanks(&sc);
	if ((d = day_at(&sc)) < 0)
		return BULLETIN_DATE_NONE;
	return year_to_end(&sc, m, d, iso);
}

static long full_year(long y, size_t digits)
{
	if (digits == 4)
		return y;
	return y < 70 ? 2000 + y : 1900 + y;
}

/* Three numbers with one separator: "2020-10-09", "09.10.2020". */
static herald_bulletin_date_status numeric(scan sc,
                                           herald_bulletin_order order,
                                           char iso[11])
{
	size_t da, db, dc;
	long a, b, c;
	char sep;

	if ((a = number_at(&sc, 4, &da)) < 0 || at_end(&sc))
		return BULLETIN_DATE_NONE;
	sep = sc.s[sc.i];
	if ((sep != '.' && sep != '/' && sep != '-') || da == 3)
		return BULLETIN_DATE_NONE;
	sc.i++;
	if ((b = number_at(&sc, 2, &db)) < 0 || !take_char(&sc, sep) ||
	    (c = number_at(&sc, 4, &dc)) < 0 || dc == 3 || !only_end_left(&sc))
		return BULLETIN_DATE_NONE;
	if (da == 4)
		return dc == 4 ? BULLETIN_DATE_NONE : finish(a, b, c, iso);
	if (order == BULLETIN_ORDER_YMD && dc != 4)
		return finish(full_year(a, da), b, c, iso);
	/* Day and month around: the option decides, unless only the other
	 * reading can be a date (25.10.2020 is the 25th in any order). */
	long y = full_year(c, dc);
	long d = order == BULLETIN_ORDER_MDY ? b : a;
	long m = order == BULLETIN_ORDER_MDY ? a : b;
	if (!valid(y, m, d) && valid(y, d, m))
		return finish(y, d, m, iso);
	return finish(y, m, d, iso);
}

herald_bulletin_date_status herald_bulletin_parse_date(const char *s, size_t n,
                                                       herald_bulletin_order
                                                       order, char iso[11])
{
	scan sc = { s, herald_bulletin_trim_end(s, n), 0 };
	herald_bulletin_date_status st;

	skip_blanks(&sc);
	if (sc.n - sc.i > 64)   /* no date line is that long */
		return BULLETIN_DATE_NONE;
	skip_weekday(&sc);
	if (at_end(&sc))
		return BULLETIN_DATE_NONE;
	if (is_digit(sc.s[sc.i])) {
		st = day_month_year(sc, iso);
		return st != BULLETIN_DATE_NONE ? st : numeric(sc, order, iso);
	}
	return month_day_year(sc, iso);
}
