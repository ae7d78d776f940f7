# vnu.sh - what the Nu checker's tests share; sourced, not run.  Sets jar
# to vnu.jar (npm package vnu-jar): $VNU_JAR, else ~/.cache/herald-vnu,
# where .ci/deps.sh installs it; exits 77 (skipped) when java or the jar
# is missing.
jar="${VNU_JAR:-${HOME:-/nonexistent}/.cache/herald-vnu/node_modules/vnu-jar/build/dist/vnu.jar}"
if ! command -v java >/dev/null 2>&1; then
	echo "SKIP: java not found"
	exit 77
fi
if [ ! -f "$jar" ]; then
	echo "SKIP: vnu.jar not found at $jar (set VNU_JAR)"
	exit 77
fi
