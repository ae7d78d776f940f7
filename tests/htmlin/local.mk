# tests/htmlin
