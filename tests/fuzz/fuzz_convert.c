/* fuzz_convert.c - reader -> segment -> every writer: the first byte
 * picks the reader (bulletin or json) and whether the segmenter runs;
 * the rest is the document, written by each writer in turn (html and tei
 * standalone, markdown, text, json). */
#include "fuzz.h"

enum { NWRITERS = 5 };

static const char *const chains[2][2][NWRITERS] = {
	{ { "bulletin:repair=true ! html:standalone=true",
	    "bulletin:repair=true ! tei", "bulletin:repair=true ! markdown",
	    "bulletin:repair=true ! text", "bulletin:repair=true ! json" },
	  { "bulletin:repair=true ! segment ! html:standalone=true",
	    "bulletin:repair=true ! segment ! tei",
	    "bulletin:repair=true ! segment ! markdown",
	    "bulletin:repair=true ! segment ! text",
	    "bulletin:repair=true ! segment ! json" } },
	{ { "json ! html:standalone=true", "json ! tei", "json ! markdown",
	    "json ! text", "json ! json" },
	  { "json ! segment ! html:standalone=true", "json ! segment ! tei",
	    "json ! segment ! markdown", "json ! segment ! text",
	    "json ! segment ! json" } },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipes[2][2][NWRITERS];
	if (size < 1)
		return 0;
	int reader = data[0] & 1, segment = (data[0] >> 1) & 1;
	for (int w = 0; w < NWRITERS; w++)
		if (!pipes[reader][segment][w])
			pipes[reader][segment][w] = fuzz_pipeline(chains[reader][segment][w]);
	/* Read (and segment) once; every writer walks the same model. */
	herald_doc *doc = fuzz_read(pipes[reader][segment][0], data + 1, size - 1);
	for (int w = 0; doc && w < NWRITERS; w++) {
		herald_diag *diag = herald_diag_new(NULL);
		if (diag)
			herald_pipeline_write(pipes[reader][segment][w], doc,
			                      fuzz_sink(), diag);
		herald_diag_free(diag);
	}
	herald_doc_free(doc);
	return 0;
}
