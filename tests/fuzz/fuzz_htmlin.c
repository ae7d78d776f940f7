/* fuzz_htmlin.c - the web-page reader (htmlin) on raw bytes: libxml2's
 * HTML parser, pruning, scoring and the conversion into the model; then
 * the json writer on what it built. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("htmlin ! json");
	herald_doc *doc = fuzz_read(pipe, data, size);
	if (doc) {
		herald_diag *diag = herald_diag_new(NULL);
		herald_pipeline_write(pipe, doc, fuzz_sink(), diag);
		herald_diag_free(diag);
	}
	herald_doc_free(doc);
	return 0;
}
