# plugins/json: not built yet
