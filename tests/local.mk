# tests/: every area adds its own fragment.
include tests/unit/local.mk
include tests/modules/local.mk
include tests/cli/local.mk
include tests/bulletin/local.mk
include tests/writers/local.mk
include tests/markdown/local.mk
include tests/segment/local.mk
include tests/markup/local.mk
include tests/archive/local.mk
include tests/site/local.mk
include tests/sdk/local.mk
include tests/htmlin/local.mk
include tests/fuzz/local.mk
include tests/pathological/local.mk
include tests/scale-out/local.mk
