// plugins/bulletin/toml.cc - the shim over toml++ (toml.h): the
// top-level keys of a TOML text, each with its value as one string.
#include <algorithm>
#include <cstdio>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "toml.h"

namespace {

// Deeper values are cut (" ..."), as the YAML front matter's are.
constexpr int depth_max = 64;

void add(std::string &out, std::string_view s)
{
	if (!out.empty())
		out += ", ";
	out += s;
}

// A value's scalars in order, joined by ", "; a table's keys too.
void flatten(const toml::node &node, std::string &out, int depth)
{
	if (depth > depth_max) {
		out += " ...";
		return;
	}
	if (const auto *s = node.as_string()) {
		add(out, s->get());
	} else if (const auto *a = node.as_array()) {
		for (const toml::node &item : *a)
			flatten(item, out, depth + 1);
	} else if (const auto *t = node.as_table()) {
		for (auto &&[key, value] : *t) {
			add(out, key.str());
			flatten(value, out, depth + 1);
		}
	} else {
		std::ostringstream written;
		node.visit([&written](auto &&v) { written << v; });
		add(out, written.str());
	}
}

struct pair {
	toml::source_position at;
	std::string key, value;
};

} // namespace

extern "C" int herald_bulletin_toml_read(const char *text, size_t len,
                                         herald_bulletin_toml_pair_fn *fn,
                                         void *ctx,
                                         herald_bulletin_toml_problem *problem)
{
	try {
		toml::table table = toml::parse(std::string_view(text, len),
		                                std::string_view{});
		std::vector<pair> pairs;
		for (auto &&[key, value] : table) {
			pair p{ key.source().begin, std::string(key.str()), {} };
			flatten(value, p.value, 0);
			pairs.push_back(std::move(p));
		}
		// toml++ keeps a table sorted by key; the fields keep the
		// order the front matter wrote them in
		std::stable_sort(pairs.begin(), pairs.end(),
		                 [](const pair &a, const pair &b) {
			return a.at.line != b.at.line ? a.at.line < b.at.line
			                              : a.at.column < b.at.column;
		});
		for (const pair &p : pairs)
			if (fn(ctx, p.key.c_str(), p.value.c_str()) != 0)
				return BULLETIN_TOML_STOPPED;
		return BULLETIN_TOML_OK;
	} catch (const toml::parse_error &e) {
		problem->line = e.source().begin.line;
		problem->column = e.source().begin.column;
		std::snprintf(problem->text, sizeof problem->text, "%.*s",
		              static_cast<int>(e.description().size()),
		              e.description().data());
		return BULLETIN_TOML_INVALID;
	} catch (const std::bad_alloc &) {
		return BULLETIN_TOML_NOMEM;
	}
}
