# plugins/text: not built yet
