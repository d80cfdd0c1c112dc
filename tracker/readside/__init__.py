"""The read side: pure folds of the log into per-council histories, and queries
that answer 'as of D, known on K, recorded by T' from them."""
