# tests/markup: none yet
