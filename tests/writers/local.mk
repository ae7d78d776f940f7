# tests/writers: none yet
