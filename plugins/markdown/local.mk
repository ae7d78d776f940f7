# plugins/markdown: not built yet
