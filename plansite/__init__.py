"""plansite: publishes Vietnamese district education plans as a static site.

The domain layer (content loading, validation, the site model, page planning) is plain
Python with no MkDocs in it; `mkdocs_adapter` is the only module that talks to MkDocs.
"""
