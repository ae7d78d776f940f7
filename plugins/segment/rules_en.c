/* rules_en.c - the built-in English rules of the segmenter, as data.
 *
 * THE RULE FORMAT (the same for these built-in texts and for a user's
 * abbrev=FILE): one or more words per line, separated by spaces; '#'
 * starts a comment; a line "[section]" says what the words below are.
 *
 *   Abbreviations, written without their final full stop ("U.S", "Mr"):
 *   [prefix]     never end a sentence: titles before a name, "e.g"
 *   [number]     do not end before a number: "No. 5", "Jan. 5", "p. 55"
 *   [ambiguous]  end only before a sentence starter: "Inc", "Jr"
 *   [final]      end before any capital but a continuation word: "etc"
 *   An abbreviation written in lower case matches any case ("no" takes
 *   "No." and "NO."); one written with capitals matches only itself
 *   ("Sat" is not "sat.").  Single letters and dotted initialisms
 *   ("U.S", "J") are ambiguous unless listed.
 *
 *   Word lists (matched in any case):
 *   [starters]       words that commonly begin an English sentence
 *   [continuations]  words that follow a time or date: days, months, zones
 *   [speech]         verbs of a speech attribution ("...?" Smith asked)
 *   [prepositions]   words that begin a phrase of time or place: a
 *                    sentence is not just "At 5 a.m." or "In the U.S."
 *
 * A new language is a new text here plus a line in sbd_builtin_rules().
 */
#include <string.h>

#include "sbd.h"

static const char rules_en[] =
	"[prefix]\n"
	"# titles and ranks, which stand before a name\n"
	"mr mrs ms messrs mssrs mme mlle dr prof\n"
	"gen lt col maj capt cpt sgt cpl pvt adm cmdr brig\n"
	"rep reps sen sens gov pres amb supt insp hon rev fr\n"
	"Mt Ft Msgr Atty Gens Cols Lts\n"
	"# words that introduce what follows\n"
	"e.g i.e cf viz vs v approx ca incl excl esp resp\n"
	"[number]\n"
	"no nos nr art arts fig figs vol vols p pp ch chap para paras\n"
	"sec sect op N\xC2\xB0 N\xC2\xBA tel ext apt ste rm bldg\n"
	"Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec\n"
	"Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun\n"
	"[ambiguous]\n"
	"inc ltd co corp plc llc bros jr sr St Fed\n"
	"# US states, as newspapers shorten them\n"
	"Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La\n"
	"Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex\n"
	"Va Vt Wash Wis Wyo\n"
	"Ph.D M.D B.A M.A B.Sc M.Sc\n"
	"[final]\n"
	"etc a.m p.m am pm ft lbs oz sq yd yds mi hr hrs min mins yr yrs\n"
	"mo mos wk wks est misc dept depts govt assn assoc univ intl natl\n"
	"ave blvd rd hwy ibid cont pts qty avg max temp ref abbr\n"
	"mfg mgr dir asst tsp tbsp doz pkg wt pop div fwd deg fl mln bn\n"
	"[starters]\n"
	"the a an he she it they we i you this that these those there here\n"
	"his her its their our my your but and or so yet however moreover\n"
	"meanwhile furthermore also then now today yesterday tomorrow\n"
	"in on at by for from with without as after before during since\n"
	"until when where why how what which who whom whose if although\n"
	"though while because according did do does is are was were has\n"
	"have had can could would should shall might must not no yes all\n"
	"some many most several each every both such one two three other\n"
	"another later earlier thus therefore instead still even only just\n"
	"let please currently overall finally first second last next\n"
	"besides nevertheless nonetheless indeed unfortunately fortunately\n"
	"recently previously following despite among under over into\n"
	"through upon once again never always often hence otherwise\n"
	"[continuations]\n"
	"monday tuesday wednesday thursday friday saturday sunday\n"
	"mon tue tues wed thu thur thurs fri sat sun\n"
	"january february march april may june july august september\n"
	"october november december jan feb mar apr jun jul aug sep sept\n"
	"oct nov dec\n"
	"gmt utc est edt cst cdt mst mdt pst pdt bst cet cest eet eest\n"
	"msk azt ist jst et ct mt pt\n"
	"[speech]\n"
	"said says say asked asks added adds replied replies told tells\n"
	"shouted shouts wrote writes noted notes stressed stresses\n"
	"explained explains declared declares announced announces\n"
	"continued continues answered answers insisted insists warned\n"
	"warns recalled recalls claimed claims admitted admits exclaimed\n"
	"exclaims cried cries whispered whispers remarked remarks\n"
	"responded responds commented comments wondered wonders\n"
	"[prepositions]\n"
	"at by until till before after since from on in around about near\n"
	"for within across inside outside\n";

const char *
sbd_builtin_rules(const char *lang)
{
	if (lang == NULL || strcmp(lang, "en") == 0)
		return rules_en;
	return NULL;
}

const char *
sbd_builtin_languages(void)
{
	return "en";
}
