/* fuzz_json.c - the json reader (doc/json.md), then the json writer on
 * whatever it accepted, so that a model it builds is also one a writer
 * can walk. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("json ! json");
	fuzz_read_write(pipe, data, size);
	return 0;
}
