# plugins/html: not built yet
