/* charset_uchardet.c - the module core/uchardet: uchardet's functions in
 * a table, so that libherald links uchardet (and the C++ runtime it
 * needs) only when a charset is to be detected (core/charset.h). */
#include "charset.h"

const core_uchardet_functions core_uchardet_module = {
	uchardet_new, uchardet_delete, uchardet_handle_data,
	uchardet_data_end, uchardet_get_charset,
};
