# plugins/bulletin: not built yet
