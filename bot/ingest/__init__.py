"""New documents into the fact base: extract the citable text, draft its metadata, find candidate facts, review.

Nothing here is shown to users: candidates live in `data/review/` until a person accepts them into the curated
files, which the ordinary build then verifies like any hand-written fact.
"""
