/* pipeline_read.h - reading a document whose input bytes the pipeline
 * may free (internal to libherald). */
#ifndef HERALD_CORE_PIPELINE_READ_H
#define HERALD_CORE_PIPELINE_READ_H

#include <herald/pipeline.h>

/* herald_pipeline_read() on in, whose data is *owned (malloc'd): it is
 * freed, and *owned set to NULL, as soon as the reader is done, since a
 * document keeps copies of what it holds; the transforms then run
 * without the input in memory.  *owned is freed whatever happens. */
int pipeline_read_owned(const herald_pipeline *pipe, const herald_input *in,
                        unsigned char **owned, herald_doc **out,
                        herald_diag *diag);

#endif
