/* date-bench.c - how the date and time recognisers' CPU time grows with
 * the length of a hostile line (near-dates repeated), for `make bench`.
 * Linear time shows as a ratio near 2.0 when the input doubles; a
 * quadratic path would show 4.  Reports, asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double run(const char *unit, size_t n)
{
	size_t u = strlen(unit);
	n -= n % u;
	char *s = malloc(n + 1), iso[11], out[32];
	size_t a, b;
	if (!s)
		exit(1);
	for (size_t i = 0; i < n; i++)
		s[i] = unit[i % u];
	s[n] = '\0';
	double t = cpu_now();
	(void)herald_bulletin_parse_date(s, n, BULLETIN_ORDER_DMY, iso);
	(void)herald_bulletin_find_date(s, n, &a, &b, iso);
	(void)herald_bulletin_value_date(s, n, iso);
	(void)herald_bulletin_parse_time(s, n, out, sizeof out);
	t = cpu_now() - t;
	free(s);
	return t;
}

int main(void)
{
	static const char *const units[] = {
		"1", "5 ", "2021-10-", "5 October ", "октября ", "Monday, ",
		"2020年", "-ci il ", "\xd9\xa5",
	};
	const size_t mb = 1u << 20;
	run("5 October ", mb);   /* load the packs outside the timing */
	for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
		double t1 = run(units[i], 4 * mb), t2 = run(units[i], 8 * mb);
		printf("date: %-12s 4 MB %.3f s, 8 MB %.3f s CPU, ratio %.2f\n",
		       units[i], t1, t2, t1 > 0 ? t2 / t1 : 0.0);
	}
	return 0;
}
