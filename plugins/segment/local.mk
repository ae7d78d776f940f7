# plugins/segment: not built yet
