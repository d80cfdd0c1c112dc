"""Full screens: the overview of all councils, one council, the key help."""
