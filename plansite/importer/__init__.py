"""The importer: a received plan (text or .docx) becomes one content file for an editor to review.

Plain Python, no MkDocs. Each module owns one step: `reading` (input files to lines),
`metadata_table` (details pasted from web pages), `header` and `issuer` (the header block),
`closing` (signature and recipients), `pagination` (page numbers, running headers),
`footnotes`, `tables`, `body` (paragraphs, headings, lists to Markdown), `locality`
(the registry match), `coverage` (proof that no word was lost) and `writing` (the file).
`pipeline` runs them in order.
"""
from plansite.importer.pipeline import ImportOutcome, ImportRequest, import_plan

__all__ = ["ImportOutcome", "ImportRequest", "import_plan"]
