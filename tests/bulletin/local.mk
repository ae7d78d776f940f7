# tests/bulletin: none yet
