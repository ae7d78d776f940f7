#!/bin/sh
# hadoop-streaming.sh INPUT OUTPUT [HERALD OPTION]... - convert records in
# HDFS with herald --records as the mapper of a map-only streaming job.
#
# INPUT: JSON Lines records in HDFS (made by records-from-files.sh), one
# record a line.  OUTPUT: a new HDFS folder, receiving part-* files of
# result lines ({"id": ..., "output": ...} or {"id": ..., "error": ...}).
#
# NLineInputFormat gives each mapper RECORDS_PER_MAP lines (default 500)
# instead of a whole HDFS block, so that work spreads evenly; it passes the
# line's offset as key, which stream.map.input.ignoreKey drops so herald
# sees the record alone.  (With the default TextInputFormat, drop those
# three -D/-inputformat lines: it sends only the line.)
#
# The plugins travel with -files into each task's working folder, which
# HERALD_PLUGIN_PATH=. points herald at.  herald itself must be installed
# on every node (or shipped with -files too, with libherald.so.0 and
# LD_LIBRARY_PATH=.).
#
# Environment: HADOOP_STREAMING_JAR (the streaming jar), HERALD_PLUGINS
# (the folder of the installed plugins, default /usr/local/lib/herald).
#
# Never run: there is no Hadoop where herald is developed and tested.  The
# options come from Hadoop's documentation; what the test suite checks is
# the mapper's side, herald --records on blocks of lines (doc/archives.md,
# "Scale-out").
set -eu
if [ $# -lt 2 ]; then
	echo "usage: hadoop-streaming.sh INPUT OUTPUT [HERALD OPTION]..." >&2
	exit 2
fi
input=$1
output=$2
shift 2
plugins=${HERALD_PLUGINS:-/usr/local/lib/herald}
files=$(ls "$plugins"/*.so | tr '\n' ',' | sed 's/,$//')
mapper="herald --records${*:+ $*}"
exec hadoop jar "${HADOOP_STREAMING_JAR:?set HADOOP_STREAMING_JAR}" \
	-D mapreduce.job.reduces=0 \
	-D mapreduce.input.lineinputformat.linespermap="${RECORDS_PER_MAP:-500}" \
	-D stream.map.input.ignoreKey=true \
	-inputformat org.apache.hadoop.mapred.lib.NLineInputFormat \
	-files "$files" \
	-cmdenv HERALD_PLUGIN_PATH=. \
	-input "$input" \
	-output "$output" \
	-mapper "$mapper"
