/* fuzz_bulletin.c - the bulletin reader on raw bytes: decoding (any
 * charset, BOMs, NULs, invalid UTF-8), block splitting and every
 * recogniser (dates, datelines, items, turns). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("bulletin:repair=true ! json");
	herald_doc_free(fuzz_read(pipe, data, size));
	return 0;
}
