"""`make serve`: the editor's live preview, kept in memory and rendered on demand.

- project.py: the loaded project, reloaded incrementally (only changed files are re-read)
- watch.py: which files changed since the last look (polling stat, portable)
- site.py: answers a site path with a page rendered from the current model, or a theme file
- live.py: the version the open pages wait on, and the script that reloads them or shows errors
- server.py: the loopback HTTP server tying these together
"""
