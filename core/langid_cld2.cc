// langid_cld2.cc - the C shim over CLD2 (Compact Language Detector 2),
// whose interface is C++ only.  Kept this small on purpose: everything
// that can be C (sampling the text, mapping codes) is in langid.c.
#include <climits>
#include <cstdio>   // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "langid.h"

extern "C" int core_cld2_detect(const char *text, size_t len,
                                const char **code, int *percent,
                                int *reliable)
{
	if (len > (size_t)INT_MAX)
		return -1;
	// No exception may cross into C: a throw (bad_alloc inside CLD2)
	// becomes "failed".
	try {
		CLD2::CLDHints hints = { nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
		                         CLD2::UNKNOWN_LANGUAGE };
		CLD2::Language top3[3];
		int percent3[3];
		double score3[3];
		int text_bytes = 0;
		bool is_reliable = false;
		// The Ext variant, unlike the others, answers UNKNOWN_LANGUAGE
		// instead of defaulting to English when it cannot tell.  The
		// sample is plain text: langid.c has already dropped markup.
		CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
			text, (int)len, true, &hints, 0, top3, percent3, score3,
			nullptr, &text_bytes, &is_reliable);
		// The summary is not always top3[0]: CLD2 prefers another
		// language to English when both are there in large parts.
		*code = CLD2::LanguageCode(lang);
		*percent = 0;
		for (int i = 0; i < 3; i++)
			if (top3[i] == lang)
				*percent = percent3[i];
		*reliable = is_reliable;
		return 0;
	} catch (...) {
		return -1;
	}
}
