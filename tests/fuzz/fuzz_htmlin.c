/* fuzz_htmlin.c - the web-page reader (htmlin) on raw bytes: libxml2's
 * HTML parser, pruning, scoring and the conversion into the model; then
 * the json writer on what it built. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("htmlin ! json");
	fuzz_read_write(pipe, data, size);
	return 0;
}
