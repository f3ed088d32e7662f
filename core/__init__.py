"""What every layer shares and nothing else: the error root, settings plumbing, one atomic file
writer, one bounded cache and one percentile. Imports no other planqa package."""
