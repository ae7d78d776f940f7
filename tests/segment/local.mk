# tests/segment: none yet
