# plugins/tei: not built yet
