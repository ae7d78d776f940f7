/* fuzz_records.c - `herald --records` (cli/records.c) on a stream of
 * lines: line splitting, JSON parsing of each record, ids echoed back,
 * error records, and each "text" record's conversion (bulletin -> text).
 *
 * A record naming a file ("path", or a bare JSON string) would make the
 * fuzzer read whatever file it names (/dev/zero never ends), so such
 * lines are replaced by "{}" before the stream reaches cli_records():
 * reading files is herald_input_read_file's, which the CLI tests cover. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "fuzz.h"

/* Whether line is a record that names a file. */
static int names_file(const char *line, size_t len)
{
	json_error_t err;
	json_t *rec = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	int file = rec && (json_is_string(rec) ||
	                   (json_is_object(rec) && json_object_get(rec, "path")));
	json_decref(rec);
	return file;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The stream, with file records blanked; never longer than the
	 * input plus "{}" per line. */
	char *stream = malloc(size * 2 + 2);
	if (!stream)
		return 0;
	size_t out = 0;
	for (size_t at = 0; at < size; ) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (data + at)) : size - at;
		if (names_file((const char *)data + at, len)) {
			memcpy(stream + out, "{}", 2);
			out += 2;
		} else {
			memcpy(stream + out, data + at, len);
			out += len;
		}
		at += len;
		if (nl) {
			stream[out++] = '\n';
			at++;
		}
	}
	FILE *in = fmemopen(stream, out ? out : 1, "r");
	if (!in) {
		free(stream);
		return 0;
	}
	if (!out)
		fgetc(in);   /* an empty stream: at its end at once */
	FILE *saved_in = stdin, *saved_out = stdout;
	stdin = in;
	stdout = fuzz_sink();
	cli_options o = { .records = 1, .writer = "text" };
	herald_diag *diag = herald_diag_new(NULL);
	if (diag)
		cli_records(&o, fuzz_registry(), diag);
	herald_diag_free(diag);
	stdin = saved_in;
	stdout = saved_out;
	fclose(in);
	free(stream);
	return 0;
}
