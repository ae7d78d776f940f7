/* fuzz_markdown.c - the bulletin reader on a ".md" file: cmark's parse
 * and markdown.c's blocks (headings as items, bold titles, front matter,
 * nesting limits), which a ".txt" never reaches; then the markdown writer
 * on what it built, cmark again on the way out. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static herald_pipeline *pipe;
	if (!pipe)
		pipe = fuzz_pipeline("bulletin:repair=true ! markdown");
	fuzz_read_write_as(pipe, "fuzz.md", data, size);
	return 0;
}
