/* fuzz_json.c - the json reader (doc/json.md), then the json writer on
 * whatever it accepted, so that a model it builds is also one a writer
 * can walk. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("json ! json");
	herald_doc *doc = fuzz_read(pipe, data, size);
	if (doc) {
		herald_diag *diag = herald_diag_new(NULL);
		herald_pipeline_write(pipe, doc, fuzz_sink(), diag);
		herald_diag_free(diag);
	}
	herald_doc_free(doc);
	return 0;
}
